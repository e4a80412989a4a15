import type * as tf from '@tensorflow/tfjs';
import { toFloat16Bits } from './float16';

export type WeightQuantization = 'float16' | 'uint8';

type WeightSpec = tf.io.WeightsManifestEntry;

/**
 * Re-encodes the float32 weights of an encoded weight buffer as float16 (half the bytes, ~3
 * significant digits) or uint8 with a per-tensor min/scale (a quarter of the bytes), recording the
 * `quantization` field tfjs' loader uses to restore float32. int32 weights stay as they are.
 */
export function quantizeWeights(
  specs: readonly WeightSpec[],
  data: ArrayBuffer,
  dtype: WeightQuantization,
): { specs: WeightSpec[]; data: ArrayBuffer } {
  const parts: Uint8Array[] = [];
  const outSpecs: WeightSpec[] = [];
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization) throw new Error(`weight ${spec.name} is already quantized`);
    const size = spec.shape.reduce((product, dim) => product * dim, 1);
    const byteLength = size * 4;
    const bytes = new Uint8Array(data.slice(offset, offset + byteLength));
    offset += byteLength;
    if (spec.dtype !== 'float32') {
      parts.push(bytes);
      outSpecs.push({ ...spec });
      continue;
    }
    const values = new Float32Array(bytes.buffer);
    const quantized = dtype === 'float16' ? encodeFloat16(values) : encodeUint8(values);
    parts.push(quantized.bytes);
    outSpecs.push({ ...spec, quantization: quantized.quantization });
  }
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let position = 0;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return { specs: outSpecs, data: out.buffer };
}

function encodeFloat16(values: Float32Array): {
  bytes: Uint8Array;
  quantization: WeightSpec['quantization'];
} {
  const halves = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) halves[i] = toFloat16Bits(values[i]);
  return { bytes: new Uint8Array(halves.buffer), quantization: { dtype: 'float16' } };
}

function encodeUint8(values: Float32Array): { bytes: Uint8Array; quantization: WeightSpec['quantization'] } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (values.length === 0) [min, max] = [0, 0];
  const scale = max > min ? (max - min) / 255 : 1;
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.round((values[i] - min) / scale);
  return { bytes, quantization: { dtype: 'uint8', min, scale } };
}
