import * as tf from '@tensorflow/tfjs';
import ort from 'onnxruntime-node';
import { GlyphError } from '@glyph/core';

export interface OnnxParity {
  /** Inputs compared. */
  readonly count: number;
  /** Largest |TF.js − onnxruntime| over every output value of every input. */
  readonly maxAbsDifference: number;
  /** Inputs whose arg-max output unit is the same in both. */
  readonly top1Agreements: number;
}

const batchSize = 100;

function argMax(values: Float32Array, start: number, length: number): number {
  let best = start;
  for (let i = start + 1; i < start + length; i++) if (values[i] > values[best]) best = i;
  return best - start;
}

/**
 * Runs `count` inputs through the TF.js model and through the ONNX bytes in onnxruntime (CPU, one
 * thread) and compares the outputs. `inputs` holds `count` inputs in the model's channels-last
 * shape, `[count, ...model.inputs[0].shape.slice(1)]` float32, laid end to end. Single-input,
 * single-output models only (every Glyph model). Disposes every tensor it makes.
 */
export async function compareWithOnnxRuntime(
  model: tf.LayersModel,
  onnxBytes: Uint8Array,
  inputs: Float32Array,
  count: number,
): Promise<OnnxParity> {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new GlyphError('BAD_USAGE', 'The ONNX parity check compares single-input, single-output models.');
  }
  const itemShape = model.inputs[0].shape.slice(1) as number[];
  const itemSize = itemShape.reduce((a, b) => a * b, 1);
  if (inputs.length !== count * itemSize) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `Parity inputs hold ${inputs.length} values; ${count} inputs of shape [${itemShape.join(', ')}] need ${count * itemSize}.`,
    );
  }
  const session = await ort.InferenceSession.create(onnxBytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  let maxAbsDifference = 0;
  let top1Agreements = 0;
  try {
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      const batch = inputs.subarray(start * itemSize, (start + n) * itemSize);
      const expected = tf.tidy(() => {
        const output = model.predict(tf.tensor(batch, [n, ...itemShape])) as tf.Tensor;
        return output.dataSync() as Float32Array;
      });
      const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', batch.slice(), [n, ...itemShape]) };
      const results = await session.run(feeds);
      const actual = results[session.outputNames[0]].data as Float32Array;
      const units = expected.length / n;
      for (let i = 0; i < expected.length; i++) {
        maxAbsDifference = Math.max(maxAbsDifference, Math.abs(expected[i] - actual[i]));
      }
      for (let k = 0; k < n; k++) {
        if (argMax(expected, k * units, units) === argMax(actual, k * units, units)) top1Agreements++;
      }
    }
  } finally {
    await session.release();
  }
  return { count, maxAbsDifference, top1Agreements };
}
