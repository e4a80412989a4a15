import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '@glyph/core';
import { drawStrokes, preprocess } from '@glyph/core/preprocess';

export interface InferenceFigure {
  readonly model: string;
  /** One image through the network, input already a tensor, result read back. */
  readonly singleMs: number;
  /** One 280×280 canvas drawing through `preprocess` (ink-mnist) and the network. */
  readonly singleWithPreprocessMs: number;
  readonly batch64ImagesPerSecond: number;
}

/** A 280×280 dark-on-light "7", as a drawing canvas would hand it over. */
function canvasSeven(): RawImage {
  return drawStrokes(
    [
      {
        points: [
          [70, 60],
          [210, 60],
          [120, 230],
        ],
        width: 18,
      },
    ],
    { width: 280, height: 280 },
  );
}

/** Median over `rounds` of the mean time of `runs` calls, in ms. */
function timePerCall(call: () => void, runs: number, rounds = 5): number {
  for (let i = 0; i < Math.min(runs, 20); i++) call();
  const means: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < runs; i++) call();
    means.push((performance.now() - start) / runs);
  }
  means.sort((a, b) => a - b);
  return Math.round(means[Math.floor(rounds / 2)] * 1000) / 1000;
}

function predictOnce(model: tf.LayersModel, input: tf.Tensor): void {
  const output = model.predict(input) as tf.Tensor;
  output.dataSync();
  output.dispose();
}

/** Inference figures of a 28×28×1 model on the current backend. */
export function measureInference(name: string, model: tf.LayersModel, runs: number): InferenceFigure {
  const single = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 3);
  const batch = tf.randomUniform([64, 28, 28, 1], 0, 1, 'float32', 4);
  const image = canvasSeven();
  try {
    const singleMs = timePerCall(() => predictOnce(model, single), runs);
    const singleWithPreprocessMs = timePerCall(() => {
      const { input } = preprocess(image, { kind: 'ink-mnist' }, { width: 28, height: 28, channels: 1 });
      const tensor = tf.tensor4d(input, [1, 28, 28, 1]);
      predictOnce(model, tensor);
      tensor.dispose();
    }, runs);
    const batchMs = timePerCall(() => predictOnce(model, batch), Math.max(3, Math.round(runs / 20)));
    return {
      model: name,
      singleMs,
      singleWithPreprocessMs,
      batch64ImagesPerSecond: Math.round((64 * 1000) / batchMs),
    };
  } finally {
    tf.dispose([single, batch]);
  }
}
