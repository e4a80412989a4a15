// A tiny model folder with known answers (ring → "0", bar → "1") for tests of loading, the CLI,
// the server and the browser.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '@glyph/core';
import type { ModelMetadata } from '@glyph/core/model';
import { circlePoints, drawStrokes, preprocess, type Stroke } from '@glyph/core/preprocess';
import { saveModelFolder } from '../model-io/save-model-folder';

/** Labels of the template model: a bar reads "1", a ring "0". */
export const templateLabels = ['0', '1'];

export const barStroke = (x: number, top = 40, bottom = 240): Stroke => ({
  points: [
    [x, top],
    [x, bottom],
  ],
  width: 16,
});
export const ringStroke = (x: number, cy = 140, ry = 100): Stroke => ({
  points: circlePoints(x, cy, ry * 0.6, ry),
  width: 16,
});
export const drawPage = (strokes: Stroke[], width = 280, height = 280): RawImage =>
  drawStrokes(strokes, { width, height });

export function templateMetadata(): ModelMetadata {
  return {
    id: 'templates',
    name: 'Template digits',
    task: 'character',
    labels: templateLabels,
    input: { width: 28, height: 28, channels: 1 },
    preprocessing: { kind: 'ink-mnist' },
    dataset: { name: 'synthetic', split: 'train', sha256: '0' },
    metrics: { accuracy: 1 },
    training: { epochs: 0, seconds: 0, backend: 'cpu' },
    createdAt: '2024-01-01T00:00:00.000Z',
    version: '1',
  };
}

/**
 * A one-layer network whose weights are the preprocessed ring and bar: a real model folder for tests
 * of loading, the CLI and the browser, small and with answers known in advance.
 */
export function templateModel(): tf.LayersModel {
  const input = templateMetadata().input;
  const ring = preprocess(drawPage([ringStroke(140)]), { kind: 'ink-mnist' }, input).input;
  const bar = preprocess(drawPage([barStroke(140)]), { kind: 'ink-mnist' }, input).input;
  const kernel = new Float32Array(784 * 2);
  for (let i = 0; i < 784; i++) kernel.set([ring[i] * 0.1, bar[i] * 0.2], i * 2);
  const weights = [tf.tensor2d(kernel, [784, 2]), tf.zeros([2])];
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 2, activation: 'softmax', weights }),
    ],
  });
  tf.dispose(weights);
  return model;
}

/** Saves the template model as a model folder in a fresh temporary directory and returns its path. */
export async function saveTemplateModelFolder(): Promise<string> {
  const directory = join(await mkdtemp(join(tmpdir(), 'glyph-template-')), 'templates');
  const model = templateModel();
  try {
    await saveModelFolder(model, directory, templateMetadata());
  } finally {
    model.dispose();
  }
  return directory;
}
