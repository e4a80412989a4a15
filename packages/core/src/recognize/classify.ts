import * as tf from '@tensorflow/tfjs';
import { asProbabilities, forwardProbabilities, type Network } from '../inference/forward-pass';
import type { InputShape } from '../preprocess/ink-recipes';

export type { Network };

/**
 * One forward pass for a batch of prepared inputs (`[height*width*channels]` float32 each) and their
 * class probabilities, one row per input (`forwardProbabilities`: logits are softmaxed). Allocates
 * no tensor that outlives it.
 */
export async function classifyBatch(
  network: Network,
  inputs: readonly Float32Array[],
  shape: InputShape,
): Promise<Float32Array[]> {
  if (inputs.length === 0) return [];
  const output = tf.tidy(() => forwardProbabilities(network, stackInputs(inputs, shape)));
  try {
    const values = (await output.data()) as Float32Array;
    return splitRows(values, inputs.length);
  } finally {
    output.dispose();
  }
}

/** The inputs as one `[count, height, width, channels]` batch tensor. */
function stackInputs(inputs: readonly Float32Array[], shape: InputShape): tf.Tensor4D {
  const size = shape.width * shape.height * shape.channels;
  const batch = new Float32Array(inputs.length * size);
  inputs.forEach((input, index) => batch.set(input, index * size));
  return tf.tensor4d(batch, [inputs.length, shape.height, shape.width, shape.channels]);
}

/** Class probabilities and penultimate features of one forward pass, one row per input. */
export interface ClassifiedRows {
  readonly probabilities: Float32Array[];
  /** The input of the last dense layer per input; empty when the network has none. */
  readonly features: Float32Array[];
}

/**
 * `classifyBatch` that also reads the features the last dense layer weighs, from the same forward
 * pass (no second run). Layers models that do not compile get a view of the model with both outputs;
 * it shares the model's weights. Allocates no tensor that outlives it.
 */
export async function classifyWithFeatures(
  network: Network,
  inputs: readonly Float32Array[],
  shape: InputShape,
): Promise<ClassifiedRows> {
  if (inputs.length === 0) return { probabilities: [], features: [] };
  const x = stackInputs(inputs, shape);
  let parts: { output: tf.Tensor; features: tf.Tensor | null };
  try {
    parts = network instanceof tf.LayersModel ? runWithFeatures(network, x) : network.predictWithFeatures(x);
  } finally {
    x.dispose();
  }
  const { output, features } = parts;
  // One download for both: each read back from the backend costs a sync, which a per-stroke call feels.
  const joined = tf.tidy(() => {
    const probabilities = asProbabilities(network, output as tf.Tensor2D);
    return features === null ? probabilities.clone() : tf.concat([probabilities, features], 1);
  });
  try {
    const values = (await joined.data()) as Float32Array;
    const classes = output.shape[output.shape.length - 1] ?? 0;
    const width = values.length / inputs.length;
    const rows = splitRows(values, inputs.length);
    return {
      probabilities: rows.map((row) => row.slice(0, classes)),
      features: width > classes ? rows.map((row) => row.slice(classes)) : [],
    };
  } finally {
    tf.dispose([joined, output]);
    features?.dispose();
  }
}

function splitRows(values: Float32Array, count: number): Float32Array[] {
  const width = values.length / count;
  return Array.from({ length: count }, (_, index) => values.slice(index * width, (index + 1) * width));
}

const featureViews = new WeakMap<tf.LayersModel, tf.LayersModel | null>();

/** The model's output and the input of its last dense layer (null when it has none). */
function runWithFeatures(
  model: tf.LayersModel,
  x: tf.Tensor,
): { output: tf.Tensor; features: tf.Tensor | null } {
  if (!featureViews.has(model)) {
    const dense = [...model.layers].reverse().find((layer) => layer.getClassName() === 'Dense');
    const input = dense?.input;
    featureViews.set(
      model,
      input === undefined || Array.isArray(input)
        ? null
        : tf.model({ inputs: model.inputs, outputs: [input, model.outputs[0]] }),
    );
  }
  const view = featureViews.get(model);
  if (!view) return { output: model.predict(x) as tf.Tensor, features: null };
  const [features, output] = view.predict(x) as tf.Tensor[];
  return { output, features };
}
