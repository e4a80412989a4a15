import type * as tf from '@tensorflow/tfjs';
import { unsupported } from './unsupported';

export interface WeightArray {
  readonly values: Float32Array;
  readonly shape: readonly number[];
}

/**
 * A layer's weight by its Keras name (`kernel`, `bias`, `gamma`, `moving_mean`, `depthwise_kernel`…),
 * copied out of the backend as float32 (quantized shards are already dequantized on load). Reads
 * the variable in place: no tensor is allocated, so nothing needs disposing.
 */
export function layerWeight(layer: tf.layers.Layer, weightName: string): WeightArray {
  const variable = layer.weights.find(
    (weight) => weight.originalName === weightName || weight.originalName.endsWith(`/${weightName}`),
  );
  if (!variable) {
    throw unsupported(layer.name, layer.getClassName(), `it has no "${weightName}" weight`);
  }
  return { values: Float32Array.from(variable.read().dataSync()), shape: variable.shape as number[] };
}

/** Like `layerWeight`, or undefined when the layer was built without that weight (e.g. no bias). */
export function optionalLayerWeight(layer: tf.layers.Layer, weightName: string): WeightArray | undefined {
  const has = layer.weights.some(
    (weight) => weight.originalName === weightName || weight.originalName.endsWith(`/${weightName}`),
  );
  return has ? layerWeight(layer, weightName) : undefined;
}

/** Keras conv kernel `[kh, kw, in, out]` → ONNX Conv weight `[out, in, kh, kw]`. */
export function convKernelToOnnx({ values, shape }: WeightArray): WeightArray {
  const [kh, kw, cin, cout] = shape;
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++)
          out[((o * cin + i) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * cout + o];
  return { values: out, shape: [cout, cin, kh, kw] };
}

/**
 * Keras depthwise kernel `[kh, kw, in, multiplier]` → ONNX grouped Conv weight
 * `[in * multiplier, 1, kh, kw]` with `group = in`: output channel `c * multiplier + m` reads input
 * channel c in both frameworks.
 */
export function depthwiseKernelToOnnx({ values, shape }: WeightArray): WeightArray {
  const [kh, kw, cin, multiplier] = shape;
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let m = 0; m < multiplier; m++)
          out[((i * multiplier + m) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * multiplier + m];
  return { values: out, shape: [cin * multiplier, 1, kh, kw] };
}
