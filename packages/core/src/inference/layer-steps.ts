import * as tf from '@tensorflow/tfjs';

/** One layer (or fused run of layers) at inference time: a tensor in, a tensor out. */
export type Step = (x: tf.Tensor) => tf.Tensor;

/** The activations the fused kernels apply in place; others run as a separate op. */
export type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid';
const fusedActivations = new Set<string>(['linear', 'relu', 'relu6', 'elu', 'sigmoid']);

export function isFusedActivation(name: string): name is FusedActivation {
  return fusedActivations.has(name);
}

/** The element-wise activations a Keras layer may name, as ops. Unknown names return undefined. */
export function activationOp(name: string): ((x: tf.Tensor) => tf.Tensor) | undefined {
  switch (name) {
    case 'linear':
      return (x) => x;
    case 'relu':
      return (x) => tf.relu(x);
    case 'relu6':
      return (x) => tf.relu6(x);
    case 'elu':
      return (x) => tf.elu(x);
    case 'selu':
      return (x) => tf.selu(x);
    case 'sigmoid':
      return (x) => tf.sigmoid(x);
    case 'tanh':
      return (x) => tf.tanh(x);
    case 'softplus':
      return (x) => tf.softplus(x);
    case 'softmax':
      return (x) => tf.softmax(x);
    default:
      return undefined;
  }
}

/** A convolution (+ bias + activation) as one fused kernel call. */
export interface ConvSpec {
  readonly filter: tf.Tensor4D;
  readonly bias?: tf.Tensor1D;
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';
  readonly dilations: [number, number];
  readonly activation: FusedActivation;
}

export function convStep(spec: ConvSpec): Step {
  return (x) =>
    tf.fused.conv2d({
      x: x as tf.Tensor4D,
      filter: spec.filter,
      strides: spec.strides,
      pad: spec.padding,
      dilations: spec.dilations,
      ...(spec.bias && { bias: spec.bias }),
      activation: spec.activation,
    });
}

/** A dense layer on `[batch, features]` (+ bias + activation) as one fused kernel call. */
export interface DenseSpec {
  readonly kernel: tf.Tensor2D;
  readonly bias?: tf.Tensor1D;
  readonly activation: FusedActivation;
}

export function denseStep(spec: DenseSpec): Step {
  return (x) =>
    tf.fused.matMul({
      a: x as tf.Tensor2D,
      b: spec.kernel,
      ...(spec.bias && { bias: spec.bias }),
      activation: spec.activation,
    });
}
