import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../engine/init-engine';
import { createHead } from './assemble';
import type { FeatureCache } from './feature-cache';
import { scoreCache, trainPhase } from './train-head';

beforeAll(() => initEngine({ backend: 'wasm' }));

/** Two classes of 8-number features, 2 views each: class k is high in half k, plus seeded noise. */
function cache(): { cache: FeatureCache; labels: Int32Array } {
  const count = 40;
  const views = 2;
  const values = new Float32Array(views * count * 8);
  let seed = 3;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.6;
  const labels = Int32Array.from({ length: count }, (_, i) => i % 2);
  for (let v = 0; v < views; v++)
    for (let i = 0; i < count; i++)
      for (let f = 0; f < 8; f++)
        values[(v * count + i) * 8 + f] = (Math.floor(f / 4) === labels[i] ? 1 : 0) + noise();
  return { cache: { values, shape: [8], count, views }, labels };
}

async function train(seed: number) {
  const { cache: train, labels } = cache();
  const head = createHead(2, 7);
  const history = await trainPhase(
    [],
    head,
    { train, trainLabels: labels },
    {
      epochs: 15,
      batchSize: 8,
      learningRate: 0.05,
      upperRate: 0,
      seed,
      dropout: 0.3,
      firstEpoch: 1,
    },
  );
  const score = scoreCache([], head, train, labels);
  const weights = head.getWeights().map((w) => Array.from(w.dataSync()));
  head.dispose();
  return { history, score, weights };
}

describe('trainPhase', () => {
  it('learns separable features, repeats exactly with the same seed, and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const first = await train(11);
    const again = await train(11);
    const other = await train(12);
    expect(first.score.accuracy).toBe(1);
    expect(first.history.at(-1)!.loss).toBeLessThan(first.history[0].loss);
    expect(again.weights).toEqual(first.weights);
    expect(other.weights).not.toEqual(first.weights);
    expect(tf.memory().numTensors).toBe(before);
  });
});
