import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBackbone } from '../backbones';
import { loadRecognizerFromFolder } from './index';

const folder = join(import.meta.dirname, '../../../../models/photos');

describe('shipped photos model', () => {
  it('names the backbone it was built on, and today’s offline build of that backbone has the same weights', async () => {
    const metadata = JSON.parse(await readFile(join(folder, 'metadata.json'), 'utf8'));
    expect(metadata).toMatchObject({ task: 'image', input: { width: 224, height: 224, channels: 3 } });
    expect(metadata.metrics.crossValidation.folds).toHaveLength(5);
    const backbone = await loadBackbone(metadata.transfer.backbone.id);
    backbone.model.dispose();
    expect(backbone.metadata.sha256).toBe(metadata.transfer.backbone.sha256);
  }, 60_000);

  it('answers with one of its five classes for a generated picture', async () => {
    const recognizer = await loadRecognizerFromFolder(folder);
    const side = 96;
    const data = new Uint8Array(side * side * 3);
    for (let i = 0; i < side * side; i++) data.set([200, 40 + (i % side), 30], i * 3);
    const [answer] = await recognizer.recognizeBatch([{ data, width: side, height: side, channels: 3 }], {
      top: 5,
    });
    recognizer.dispose();
    expect(answer.predictions.map((p) => p.label).sort()).toEqual([
      'birds',
      'cattle',
      'flowers',
      'fruit',
      'vegetables',
    ]);
    const total = answer.predictions.reduce((sum, p) => sum + p.confidence, 0);
    expect(total).toBeCloseTo(1, 3);
  }, 60_000);
});
