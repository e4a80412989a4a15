import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecognizerFromFolder } from './load-recognizer-from-folder';
import { barStroke, drawPage, ringStroke, saveTemplateModelFolder } from '../testing';

let folder = '';
beforeAll(async () => {
  await tf.setBackend('cpu');
  folder = await saveTemplateModelFolder();
});
afterAll(async () => {
  if (folder !== '') await rm(dirname(folder), { recursive: true, force: true });
});

describe('loadRecognizerFromFolder', () => {
  it('loads a model folder and recognises with its own preprocessing', async () => {
    const before = tf.memory().numTensors;
    const recognizer = await loadRecognizerFromFolder(folder);
    expect(recognizer.metadata.id).toBe('templates');
    const [ring, bar] = await recognizer.recognizeBatch([
      drawPage([ringStroke(100)]),
      drawPage([barStroke(200)]),
    ]);
    expect(ring.predictions[0].label).toBe('0');
    expect(bar.predictions[0].label).toBe('1');
    const line = await recognizer.recognizeSequence(
      drawPage([barStroke(60), ringStroke(200), ringStroke(340)], 440),
    );
    expect(line.text).toBe('100');
    recognizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a missing folder and broken metadata with stable codes', async () => {
    await expect(loadRecognizerFromFolder(join(folder, 'nope'))).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    const broken = await saveTemplateModelFolder();
    await writeFile(join(broken, 'metadata.json'), '{"id": 3}');
    await expect(loadRecognizerFromFolder(broken)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await rm(dirname(broken), { recursive: true, force: true });
  });
});
