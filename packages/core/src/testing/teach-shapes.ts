// Tiny drawings for the teaching tests: three shapes no model can confuse, with seeded jitter.
import type * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../data/seeded-random';
import type { ModelMetadata } from '../model/metadata';
import { circlePoints, drawStrokes } from '../preprocess/draw-strokes';
import { buildGlyphnet } from '../zoo/glyphnet';
import type { TeachSample } from '../teach/teach-types';

export const shapeLabels = ['bar', 'post', 'ring'] as const;

/** `perClass` drawings of each shape on a 48×48 white page, class by class. */
export function shapeSamples(perClass: number, seed: number): TeachSample[] {
  const random = mulberry32(seed);
  const at = (low: number, high: number) => low + random() * (high - low);
  return shapeLabels.flatMap((label) =>
    Array.from({ length: perClass }, () => {
      const cx = at(18, 30);
      const cy = at(18, 30);
      const half = at(9, 15);
      const points: [number, number][] =
        label === 'bar'
          ? [
              [cx - half, cy + at(-2, 2)],
              [cx + half, cy + at(-2, 2)],
            ]
          : label === 'post'
            ? [
                [cx + at(-2, 2), cy - half],
                [cx + at(-2, 2), cy + half],
              ]
            : circlePoints(cx, cy, half * 0.8, half * 0.8);
      return { label, image: drawStrokes([{ points, width: at(2.5, 4) }], { width: 48, height: 48 }) };
    }),
  );
}

/** An untrained glyphnet with digit-like metadata, as a stand-in for a shipped base model. */
export function tinyBase(seed = 3): { model: tf.LayersModel; metadata: ModelMetadata } {
  const labels = ['bar', 'post', 'ring', 'other'];
  return {
    model: buildGlyphnet({ inputShape: [28, 28, 1], numClasses: labels.length, seed }),
    metadata: {
      id: 'tiny',
      name: 'Tiny',
      task: 'character',
      labels,
      input: { width: 28, height: 28, channels: 1 },
      preprocessing: { kind: 'ink-mnist' },
      dataset: { name: 'none', split: 'train', sha256: '0'.repeat(64) },
      metrics: { accuracy: 0.5 },
      training: { epochs: 0, seconds: 0, backend: 'cpu' },
      createdAt: '2026-01-01T00:00:00.000Z',
      version: '1',
    },
  };
}
