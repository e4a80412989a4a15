// Models and inputs for the exporter's tests.
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '@glyph/core/data';

/** `count` inputs of `shape` (no batch axis) with values uniform in [0, 1), seeded. */
export function randomInputs(count: number, shape: readonly number[], seed: number): Float32Array {
  const random = mulberry32(seed);
  const values = new Float32Array(count * shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = random();
  return values;
}

/**
 * Gives every batch norm of the model non-trivial statistics (a fresh model has mean 0, variance 1,
 * gamma 1, beta 0, under which a wrong conversion of any of them goes unnoticed).
 */
export function randomizeBatchNorms(model: tf.LayersModel, seed: number): void {
  const random = mulberry32(seed);
  const draw = (n: number, low: number, high: number) =>
    Float32Array.from({ length: n }, () => low + (high - low) * random());
  for (const layer of model.layers) {
    if (layer instanceof tf.LayersModel) randomizeBatchNorms(layer, seed + 1);
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const values = layer.weights.map((weight) => {
      const n = weight.shape[0] as number;
      if (weight.originalName.endsWith('variance')) return tf.tensor1d(draw(n, 0.5, 2));
      if (weight.originalName.endsWith('gamma')) return tf.tensor1d(draw(n, 0.5, 1.5));
      return tf.tensor1d(draw(n, -0.5, 0.5));
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

const conv = (name: string, filters: number, kernelSize: number, strides = 1, padding = 'same') =>
  tf.layers.conv2d({
    name,
    filters,
    kernelSize,
    strides,
    padding: padding as 'same' | 'valid',
    useBias: false,
  });
const bn = (name: string) => tf.layers.batchNormalization({ name, epsilon: 1e-3 });
const relu6 = (name: string) => tf.layers.reLU({ name, maxValue: 6 });
const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) =>
  layer.apply(x) as tf.SymbolicTensor;

/**
 * A small functional network of MobileNetV2's layer classes and quirks: asymmetric ZeroPadding2D
 * before a stride-2 'valid' conv, an inverted residual block (expand 1×1 → depthwise 3×3 → project
 * 1×1, each with batch norm and ReLU6) whose output is Added to its input, a stride-2 'same'
 * depthwise conv on an even size (Keras pads only after), global average pooling, dropout and a
 * softmax head. 24×24×3 input.
 */
export function buildMobileNetLikeBackbone(): tf.LayersModel {
  const input = tf.input({ shape: [24, 24, 3], name: 'image' });
  let x = apply(
    tf.layers.zeroPadding2d({
      name: 'stem_pad',
      padding: [
        [0, 1],
        [0, 1],
      ],
    }),
    input,
  );
  x = apply(conv('stem', 16, 3, 2, 'valid'), x);
  x = apply(relu6('stem_relu'), apply(bn('stem_bn'), x));
  const blockInput = x;
  x = apply(relu6('expand_relu'), apply(bn('expand_bn'), apply(conv('expand', 48, 1), x)));
  x = apply(tf.layers.depthwiseConv2d({ name: 'dw', kernelSize: 3, padding: 'same', useBias: false }), x);
  x = apply(relu6('dw_relu'), apply(bn('dw_bn'), x));
  x = apply(bn('project_bn'), apply(conv('project', 16, 1), x));
  x = apply(tf.layers.add({ name: 'residual_add' }), [blockInput, x]);
  x = apply(
    tf.layers.depthwiseConv2d({
      name: 'dw_s2',
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      depthMultiplier: 2,
    }),
    x,
  );
  x = apply(relu6('dw_s2_relu'), apply(bn('dw_s2_bn'), x));
  x = apply(conv('even_kernel', 24, 2, 2, 'same'), x);
  x = apply(tf.layers.globalAveragePooling2d({ name: 'pool' }), x);
  return tf.model({ inputs: input, outputs: x, name: 'mobilenet_like' });
}

/** The backbone above nested as one layer inside a transfer model with a small softmax head. */
export function buildTransferLikeModel(numClasses = 5): tf.LayersModel {
  const backbone = buildMobileNetLikeBackbone();
  backbone.trainable = false;
  const input = tf.input({ shape: [24, 24, 3], name: 'photo' });
  let x = apply(backbone, input);
  x = apply(tf.layers.dropout({ name: 'head_dropout', rate: 0.2 }), x);
  x = apply(tf.layers.dense({ name: 'head_hidden', units: 32, activation: 'relu' }), x);
  x = apply(tf.layers.dense({ name: 'head_output', units: numClasses, activation: 'softmax' }), x);
  return tf.model({ inputs: input, outputs: x, name: 'transfer_like' });
}

/**
 * The remaining converters in one functional model: separable conv, average pooling with 'same',
 * concatenation of channels-first and channels-last branches, cropping, max pooling, flatten after a
 * feature map, LeakyReLU/ELU/sigmoid/tanh activations and a dense layer.
 */
export function buildAssortedLayersModel(): tf.LayersModel {
  const input = tf.input({ shape: [13, 11, 2], name: 'assorted_input' });
  const a = apply(
    tf.layers.separableConv2d({
      name: 'sep',
      filters: 6,
      kernelSize: 3,
      padding: 'same',
      depthMultiplier: 2,
    }),
    input,
  );
  const b = apply(
    tf.layers.conv2d({ name: 'conv_b', filters: 4, kernelSize: 2, padding: 'same', activation: 'tanh' }),
    input,
  );
  let x = apply(tf.layers.concatenate({ name: 'concat', axis: -1 }), [
    apply(tf.layers.leakyReLU({ name: 'leaky', alpha: 0.2 }), a),
    b,
  ]);
  x = apply(tf.layers.averagePooling2d({ name: 'avg', poolSize: 3, strides: 2, padding: 'same' }), x);
  x = apply(tf.layers.elu({ name: 'elu' }), x);
  x = apply(
    tf.layers.cropping2D({
      name: 'crop',
      cropping: [
        [1, 0],
        [0, 1],
      ],
    }),
    x,
  );
  x = apply(tf.layers.maxPooling2d({ name: 'max', poolSize: 2, strides: 1, padding: 'valid' }), x);
  x = apply(tf.layers.flatten({ name: 'flat' }), x);
  x = apply(tf.layers.dense({ name: 'hidden', units: 12, activation: 'sigmoid' }), x);
  x = apply(tf.layers.dense({ name: 'out', units: 4, activation: 'softmax' }), x);
  return tf.model({ inputs: input, outputs: x, name: 'assorted' });
}
