import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/seeded-random';
import { detectorScore } from './detector-score';
import { fitDetector, quantile } from './fit-detector';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fitDetector', () => {
  it('separates characters from non-characters on a boundary no single feature draws', () => {
    // Characters: inside a ring of radius 1..2; non-characters: the centre blob and the far outside.
    const random = mulberry32(5);
    const point = (low: number, high: number) => {
      const radius = low + random() * (high - low);
      const angle = random() * 2 * Math.PI;
      return [radius * Math.cos(angle), radius * Math.sin(angle), random()];
    };
    const positives = Array.from({ length: 600 }, () => point(1.1, 1.9));
    const negatives = Array.from({ length: 600 }, (_, i) => (i % 2 ? point(0, 0.6) : point(2.6, 3.5)));
    const before = tf.memory().numTensors;
    const weights = fitDetector(positives, negatives, { seed: 2, hidden: 6, steps: 600 });
    expect(tf.memory().numTensors).toBe(before);
    const detector = { features: ['x', 'y', 'noise'], ...weights, threshold: 0, classDirections: [] };
    const held = Array.from({ length: 200 }, () => point(1.1, 1.9));
    const threshold = quantile(
      held.map((row) => detectorScore(row, detector)),
      0.02,
    );
    const others = Array.from({ length: 200 }, (_, i) => (i % 2 ? point(0, 0.6) : point(2.6, 3.5)));
    const caught = others.filter((row) => detectorScore(row, detector) < threshold).length;
    expect(caught / others.length).toBeGreaterThan(0.9);
  });
});
