import * as tf from '@tensorflow/tfjs';
import type { EpochLogs } from '../train/callback';
import { mulberry32, shuffleInPlace } from '../data/seeded-random';
import type { FeatureCache } from './feature-cache';
import { applyUpper } from './split-backbone';

export interface PhaseOptions {
  readonly epochs: number;
  readonly batchSize: number;
  /** Learning rate of the head. */
  readonly learningRate: number;
  /** Learning rate of the backbone's top layers; 0 keeps them frozen (fastai's discriminative rates). */
  readonly upperRate: number;
  readonly seed: number;
  /** Dropout on the features before the head. */
  readonly dropout: number;
  /** Numbering continues across phases. */
  readonly firstEpoch: number;
  readonly onEpoch?: (logs: EpochLogs) => void;
  /** Called after every step (`step` counts from 1 over the phase); throwing from it stops training. */
  readonly onBatch?: (step: number, steps: number, loss: number) => void;
  /**
   * L2-SP: adds `anchorWeight`·Σ‖w − w₀‖² over the trained weights, w₀ their values when the phase
   * began, so a few new samples move a trained model no further than they need to. 0 or absent: off.
   */
  readonly anchorWeight?: number;
}

export interface HeadData {
  readonly train: FeatureCache;
  readonly trainLabels: Int32Array;
  readonly validation?: FeatureCache;
  readonly validationLabels?: Int32Array;
}

/**
 * One phase of transfer training on cached activations: each epoch shows every training image once,
 * as a random one of its cached views, through the backbone's top layers (inference mode) and the
 * head. Adam with a cosine decay over the phase; separate rates for head and top layers.
 */
export async function trainPhase(
  upper: readonly tf.layers.Layer[],
  head: tf.layers.Layer,
  data: HeadData,
  options: PhaseOptions,
): Promise<EpochLogs[]> {
  const random = mulberry32(options.seed);
  // The head creates its weights on its first call: make them before listing what trains.
  if (!head.built) {
    tf.tidy(() => {
      head.apply(applyUpper(upper, tf.zeros([1, ...data.train.shape])));
    });
  }
  const headVars = head.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const upperVars =
    options.upperRate > 0
      ? upper.flatMap((layer) => layer.trainableWeights.map((w) => w.read() as tf.Variable))
      : [];
  const anchor = anchorTo([...headVars, ...upperVars], options.anchorWeight ?? 0);
  const headOptimizer = tf.train.adam(options.learningRate);
  const upperOptimizer = upperVars.length > 0 ? tf.train.adam(options.upperRate) : undefined;
  const classes = head.getConfig().units as number;
  const { train } = data;
  const size = train.values.length / (train.count * train.views);
  const order = Array.from({ length: train.count }, (_, i) => i);
  const steps = Math.ceil(train.count / options.batchSize) * options.epochs;
  const history: EpochLogs[] = [];
  let step = 0;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const started = tf.util.now();
      shuffleInPlace(order, random);
      let lossSum = 0;
      let correct = 0;
      let rate = options.learningRate;
      for (let start = 0; start < order.length; start += options.batchSize) {
        const rows = order.slice(start, start + options.batchSize);
        const x = new Float32Array(rows.length * size);
        rows.forEach((i, k) => {
          const view = Math.floor(random() * train.views);
          x.set(
            train.values.subarray((view * train.count + i) * size, (view * train.count + i + 1) * size),
            k * size,
          );
        });
        const labels = Int32Array.from(rows, (i) => data.trainLabels[i]);
        const decay = 0.5 * (1 + Math.cos((Math.PI * step) / steps));
        rate = options.learningRate * decay;
        setRate(headOptimizer, rate);
        if (upperOptimizer) setRate(upperOptimizer, options.upperRate * decay);
        const { loss, right } = tf.tidy(() => {
          const xs = tf.tensor(x, [rows.length, ...train.shape]);
          const truth = tf.tensor1d(labels, 'int32');
          const ys = tf.oneHot(truth, classes);
          // Training accuracy is read from the same forward pass as the loss (dropout on, before the
          // update), as Keras reports it, rather than from a second pass.
          let right = 0;
          const { value, grads } = tf.variableGrads(() => {
            const features = applyUpper(upper, xs);
            // Seeded per step, so a run with the same seed repeats exactly.
            const dropSeed = Math.floor(random() * 2 ** 31);
            const dropped =
              options.dropout > 0 ? tf.dropout(features, options.dropout, undefined, dropSeed) : features;
            const probabilities = head.apply(dropped) as tf.Tensor;
            right = probabilities.argMax(-1).equal(truth).sum().dataSync()[0];
            const loss = crossEntropy(probabilities, ys);
            return anchor ? (loss.add(anchor.penalty()) as tf.Scalar) : loss;
          }, [...headVars, ...upperVars]);
          headOptimizer.applyGradients(pick(grads, headVars));
          upperOptimizer?.applyGradients(pick(grads, upperVars));
          return { loss: value.dataSync()[0], right };
        });
        lossSum += loss * rows.length;
        correct += right;
        step++;
        options.onBatch?.(step, steps, loss);
      }
      const scored =
        data.validation && data.validationLabels
          ? scoreCache(upper, head, data.validation, data.validationLabels)
          : undefined;
      const logs: EpochLogs = {
        epoch: options.firstEpoch + epoch,
        loss: lossSum / train.count,
        accuracy: correct / train.count,
        ...(scored && { valLoss: scored.loss, valAccuracy: scored.accuracy }),
        learningRate: rate,
        seconds: (tf.util.now() - started) / 1000,
        samples: train.count,
      };
      history.push(logs);
      options.onEpoch?.(logs);
    }
  } finally {
    headOptimizer.dispose();
    upperOptimizer?.dispose();
    anchor?.dispose();
  }
  return history;
}

/** The L2-SP penalty against the variables' current values (kept as copies until disposed). */
function anchorTo(
  variables: readonly tf.Variable[],
  weight: number,
): { penalty: () => tf.Scalar; dispose: () => void } | undefined {
  if (!(weight > 0) || variables.length === 0) return undefined;
  const starts = variables.map((v) => tf.keep(v.clone()));
  return {
    penalty: () =>
      tf.mul(weight, tf.addN(variables.map((v, i) => tf.sum(tf.square(tf.sub(v, starts[i])))))) as tf.Scalar,
    dispose: () => starts.forEach((start) => start.dispose()),
  };
}

/** Loss and accuracy of upper + head on view 0 (the images themselves) of a cache. */
export function scoreCache(
  upper: readonly tf.layers.Layer[],
  head: tf.layers.Layer,
  cache: FeatureCache,
  labels: Int32Array,
): { loss: number; accuracy: number; predicted: Int32Array; probabilities: Float32Array } {
  return tf.tidy(() => {
    const size = cache.values.length / (cache.count * cache.views);
    const xs = tf.tensor(cache.values.subarray(0, cache.count * size), [cache.count, ...cache.shape]);
    const probabilities = head.apply(applyUpper(upper, xs)) as tf.Tensor;
    const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), probabilities.shape[1] as number);
    const predicted = probabilities.argMax(-1).dataSync() as Int32Array;
    const right = predicted.reduce((sum, p, i) => sum + (p === labels[i] ? 1 : 0), 0);
    return {
      loss: crossEntropy(probabilities, ys).dataSync()[0],
      accuracy: right / cache.count,
      predicted: Int32Array.from(predicted),
      probabilities: Float32Array.from(probabilities.dataSync()),
    };
  });
}

function crossEntropy(probabilities: tf.Tensor, oneHot: tf.Tensor): tf.Scalar {
  return tf.neg(
    tf.mean(tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(probabilities, 1e-7, 1))), -1)),
  ) as tf.Scalar;
}

function pick(
  grads: tf.NamedTensorMap,
  variables: readonly tf.Variable[],
): { name: string; tensor: tf.Tensor }[] {
  return variables.map((v) => ({ name: v.name, tensor: grads[v.name] }));
}

/** The schedule changes Adam's rate between steps (tfjs keeps the field protected but reads it each step). */
function setRate(optimizer: tf.AdamOptimizer, rate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
}
