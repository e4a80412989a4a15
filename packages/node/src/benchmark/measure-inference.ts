import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '@glyph/core';
import { compileNetwork, type CompiledNetwork } from '@glyph/core/inference';
import { drawStrokes, preprocess } from '@glyph/core/preprocess';

export interface InferenceFigure {
  readonly model: string;
  /** Threads of the wasm backend's pool that ran it. */
  readonly threads: number;
  /**
   * One image through the network as a Recognizer runs it (compiled for inference, see
   * `compileNetwork`), input already a tensor, result read back.
   */
  readonly singleMs: number;
  /** The same through the Layers API's `model.predict`. */
  readonly singleLayersMs: number;
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

/** Warm-up time before measuring: V8 first runs WebAssembly from its baseline compiler and swaps
 * in optimized code for hot functions as they run, per instance (so again in a fresh thread). */
const warmupMs = 1500;

/** Median over `rounds` of the mean time of `runs` calls, in ms, after a warm-up. */
function timePerCall(call: () => void, runs: number, rounds = 5): number {
  const warmupEnd = performance.now() + warmupMs;
  for (let i = 0; i < 20 || performance.now() < warmupEnd; i++) call();
  const means: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < runs; i++) call();
    means.push((performance.now() - start) / runs);
  }
  means.sort((a, b) => a - b);
  return Math.round(means[Math.floor(rounds / 2)] * 1000) / 1000;
}

function predictOnce(network: tf.LayersModel | CompiledNetwork, input: tf.Tensor): void {
  const output = network.predict(input) as tf.Tensor;
  output.dataSync();
  output.dispose();
}

/** Inference figures of a 28×28×1 model on the current backend, whose pool has `threads` threads. */
export function measureInference(
  name: string,
  model: tf.LayersModel,
  runs: number,
  threads: number,
): InferenceFigure {
  const single = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 3);
  const batch = tf.randomUniform([64, 28, 28, 1], 0, 1, 'float32', 4);
  const image = canvasSeven();
  const network = compileNetwork(model) ?? model;
  try {
    const singleMs = timePerCall(() => predictOnce(network, single), runs);
    const singleLayersMs = timePerCall(() => predictOnce(model, single), runs);
    const singleWithPreprocessMs = timePerCall(() => {
      const { input } = preprocess(image, { kind: 'ink-mnist' }, { width: 28, height: 28, channels: 1 });
      const tensor = tf.tensor4d(input, [1, 28, 28, 1]);
      predictOnce(network, tensor);
      tensor.dispose();
    }, runs);
    const batchMs = timePerCall(() => predictOnce(network, batch), Math.max(3, Math.round(runs / 20)));
    return {
      model: name,
      threads,
      singleMs,
      singleLayersMs,
      singleWithPreprocessMs,
      batch64ImagesPerSecond: Math.round((64 * 1000) / batchMs),
    };
  } finally {
    tf.dispose([single, batch]);
    if (network !== model) network.dispose();
  }
}
