import * as tf from '@tensorflow/tfjs';
import { batchNormAffine, foldAffine } from './fold-batch-norm';
import {
  activationOp,
  convStep,
  denseStep,
  isFusedActivation,
  type ConvSpec,
  type DenseSpec,
  type Step,
} from './layer-steps';

/** A network compiled for inference: the same function as `model.predict`, fewer kernel calls. */
export interface CompiledNetwork {
  /** The network's output for a batch; the caller owns (and disposes) the result. */
  predict(x: tf.Tensor): tf.Tensor;
  /**
   * The same pass, also returning the input of the last dense layer (`[batch, units]`, the features
   * the classifier weighs), or null features when the network ends in no dense layer. The caller
   * owns both tensors.
   */
  predictWithFeatures(x: tf.Tensor): { output: tf.Tensor; features: tf.Tensor2D | null };
  /** True when the last operation is a softmax, so outputs are probabilities. */
  readonly endsInSoftmax: boolean;
  /** Frees the tensors compilation made (folded weights); the model's own weights stay. */
  dispose(): void;
}

type Node =
  | { type: 'conv'; spec: ConvSpec }
  | { type: 'dense'; spec: DenseSpec }
  | { type: 'op'; run: (x: tf.Tensor) => tf.Tensor; softmax?: boolean };

/** Layers that do nothing at inference. */
const identityLayers = new Set([
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'InputLayer',
]);

/**
 * Compiles a sequential model of common layers into direct kernel calls: each convolution or dense
 * layer becomes one fused call with its bias and activation, a batch norm after it is folded into
 * its weights, dropout disappears, and the Layers API's per-call bookkeeping is skipped. Returns
 * null for models it does not cover (other layer types, several inputs or outputs, channels-first
 * data); callers then use `model.predict`. The model's weights must not change afterwards: folded
 * weights are copies.
 */
export function compileNetwork(model: tf.LayersModel): CompiledNetwork | null {
  if (!(model instanceof tf.Sequential) || model.inputs.length !== 1 || model.outputs.length !== 1)
    return null;
  const owned: tf.Tensor[] = [];
  const nodes: Node[] = [];
  for (const layer of model.layers) {
    if (!addLayer(layer, nodes, owned)) {
      tf.dispose(owned);
      return null;
    }
  }
  const steps: Step[] = nodes.map((node) =>
    node.type === 'conv' ? convStep(node.spec) : node.type === 'dense' ? denseStep(node.spec) : node.run,
  );
  const last = nodes[nodes.length - 1];
  const lastDense = nodes.map((node) => node.type).lastIndexOf('dense');
  const run = (x: tf.Tensor) => steps.reduce((h, step) => step(h), x);
  return {
    predict: (x) => tf.tidy(() => run(x)),
    predictWithFeatures: (x) => {
      if (lastDense < 0) return { output: tf.tidy(() => run(x)), features: null };
      const [output, features] = tf.tidy(() => {
        const penultimate = steps.slice(0, lastDense).reduce((h, step) => step(h), x);
        return [steps.slice(lastDense).reduce((h, step) => step(h), penultimate), penultimate];
      });
      return { output, features: features as tf.Tensor2D };
    },
    endsInSoftmax: last?.type === 'op' && last.softmax === true,
    dispose: () => tf.dispose(owned),
  };
}

type Config = Record<string, unknown>;

function pair(value: unknown): [number, number] {
  return Array.isArray(value)
    ? [Number(value[0]), Number(value[1] ?? value[0])]
    : [Number(value), Number(value)];
}

function weightsOf(layer: tf.layers.Layer): tf.Tensor[] {
  return layer.weights.map((w) => w.read());
}

/** Appends a layer to the node list (merging into the previous node where it can); false: not covered. */
function addLayer(layer: tf.layers.Layer, nodes: Node[], owned: tf.Tensor[]): boolean {
  const className = layer.getClassName();
  const config = layer.getConfig() as Config;
  if (identityLayers.has(className)) return true;
  if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast') return false;
  const previous = nodes[nodes.length - 1];
  switch (className) {
    case 'Conv2D': {
      const activation = String(config.activation ?? 'linear');
      if (config.padding !== 'same' && config.padding !== 'valid') return false;
      const [filter, bias] = weightsOf(layer);
      const spec: ConvSpec = {
        filter: filter as tf.Tensor4D,
        ...(config.useBias === true && bias && { bias: bias as tf.Tensor1D }),
        strides: pair(config.strides),
        padding: config.padding,
        dilations: pair(config.dilationRate ?? 1),
        activation: 'linear',
      };
      nodes.push({ type: 'conv', spec });
      return addActivation(activation, nodes);
    }
    case 'Dense': {
      const inputShape = (layer.input as tf.SymbolicTensor).shape;
      if (inputShape.length !== 2) return false;
      const [kernel, bias] = weightsOf(layer);
      const spec: DenseSpec = {
        kernel: kernel as tf.Tensor2D,
        ...(config.useBias === true && bias && { bias: bias as tf.Tensor1D }),
        activation: 'linear',
      };
      nodes.push({ type: 'dense', spec });
      return addActivation(String(config.activation ?? 'linear'), nodes);
    }
    case 'BatchNormalization': {
      const axis = Number(config.axis ?? -1);
      const rank = (layer.input as tf.SymbolicTensor).shape.length;
      if (axis !== -1 && axis !== rank - 1) return false;
      const affine = batchNormAffine(layer);
      owned.push(affine.scale, affine.shift);
      if (
        (previous?.type === 'conv' || previous?.type === 'dense') &&
        previous.spec.activation === 'linear'
      ) {
        const folded = foldAffine(
          previous.type === 'conv' ? previous.spec.filter : previous.spec.kernel,
          previous.spec.bias,
          affine,
        );
        owned.push(folded.kernel, folded.bias);
        nodes[nodes.length - 1] =
          previous.type === 'conv'
            ? {
                type: 'conv',
                spec: { ...previous.spec, filter: folded.kernel as tf.Tensor4D, bias: folded.bias },
              }
            : {
                type: 'dense',
                spec: { ...previous.spec, kernel: folded.kernel as tf.Tensor2D, bias: folded.bias },
              };
      } else {
        nodes.push({ type: 'op', run: (x) => tf.add(tf.mul(x, affine.scale), affine.shift) });
      }
      return true;
    }
    case 'Activation':
      return addActivation(String(config.activation), nodes);
    case 'ReLU': {
      const maxValue = config.maxValue;
      if (maxValue === null || maxValue === undefined) return addActivation('relu', nodes);
      return Number(maxValue) === 6 ? addActivation('relu6', nodes) : false;
    }
    case 'Softmax': {
      const axis = Number(config.axis ?? -1);
      const rank = (layer.input as tf.SymbolicTensor).shape.length;
      return axis === -1 || axis === rank - 1 ? addActivation('softmax', nodes) : false;
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const poolSize = pair(config.poolSize);
      const strides =
        config.strides === null || config.strides === undefined ? poolSize : pair(config.strides);
      const padding = config.padding as 'same' | 'valid';
      const pool = className === 'MaxPooling2D' ? tf.maxPool : tf.avgPool;
      nodes.push({ type: 'op', run: (x) => pool(x as tf.Tensor4D, poolSize, strides, padding) });
      return true;
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D': {
      if (config.keepDims === true) return false;
      const reduce = className === 'GlobalAveragePooling2D' ? tf.mean : tf.max;
      nodes.push({ type: 'op', run: (x) => reduce(x, [1, 2]) });
      return true;
    }
    case 'Flatten':
      nodes.push({ type: 'op', run: (x) => tf.reshape(x, [x.shape[0], -1]) });
      return true;
    case 'Reshape': {
      const target = config.targetShape as number[];
      nodes.push({ type: 'op', run: (x) => tf.reshape(x, [x.shape[0], ...target]) });
      return true;
    }
    default:
      return false;
  }
}

/** Merges an activation into the previous fused node when it has none yet; otherwise adds an op. */
function addActivation(name: string, nodes: Node[]): boolean {
  if (name === 'linear') return true;
  const previous = nodes[nodes.length - 1];
  if (
    (previous?.type === 'conv' || previous?.type === 'dense') &&
    previous.spec.activation === 'linear' &&
    isFusedActivation(name)
  ) {
    nodes[nodes.length - 1] = { ...previous, spec: { ...previous.spec, activation: name } } as Node;
    return true;
  }
  const op = activationOp(name);
  if (!op) return false;
  nodes.push({ type: 'op', run: op, softmax: name === 'softmax' });
  return true;
}
