import type * as tf from '@tensorflow/tfjs';
import type { OnnxGraph, OnnxValue } from './onnx-graph';

/** One application of a Keras layer, as a converter sees it. */
export interface LayerCall {
  readonly layer: tf.layers.Layer;
  readonly className: string;
  /** `layer.getConfig()`: camelCase keys as TF.js has them (`kernelSize`, `maxValue`…). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly inputs: readonly OnnxValue[];
  /** Keras output shape, batch first (null = dynamic). */
  readonly outputShape: readonly (number | null)[];
  readonly graph: OnnxGraph;
}

/** Emits the ONNX nodes computing one layer and returns its output value. */
export type LayerConverter = (call: LayerCall) => OnnxValue;

/** A numeric pair from a config field that Keras stores as `n` or `[a, b]`. */
export function pairOf(value: unknown, fallback: [number, number]): [number, number] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2) return [Number(value[0]), Number(value[1])];
  return fallback;
}
