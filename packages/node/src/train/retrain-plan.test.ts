import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planRetrain, retrainDefaults } from './retrain-plan';
import { removeTempDirs, tempDir } from '../testing';

afterAll(removeTempDirs);

/** A model folder's metadata.json as `glyph train` writes it (the network is not read here). */
async function modelFolder(dataset: string, training: Record<string, unknown> = {}): Promise<string> {
  const dir = await tempDir('glyph-retrain-model-');
  const metadata = {
    id: 'digits',
    name: 'Digits',
    task: 'character',
    labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    input: { width: 28, height: 28, channels: 1 },
    preprocessing: { kind: 'ink-mnist' },
    dataset: { name: dataset, split: 'train', sha256: '0'.repeat(64), spec: dataset },
    metrics: { accuracy: 0.99 },
    training: {
      epochs: 4,
      seconds: 1,
      backend: 'wasm',
      dataset,
      model: 'glyphnet',
      batchSize: 128,
      augment: 'character',
      seed: 7,
      valSplit: 0.1,
      ...training,
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    version: '1',
  };
  await writeFile(join(dir, 'metadata.json'), JSON.stringify(metadata));
  return dir;
}

describe('planRetrain', () => {
  it("trains the model's own data plus the corrections, from the model, gently", async () => {
    const feedback = await tempDir('glyph-feedback-');
    const model = await modelFolder(`mnist+folder:${feedback}`);
    const { config, notes } = await planRetrain({ modelDirectory: model, feedbackDirectory: feedback });
    // The feedback folder, already part of the recorded data after an earlier retrain, comes once.
    expect(config.dataset).toBe(`mnist+folder:${feedback}`);
    expect(config).toMatchObject({
      model: 'glyphnet',
      init: model,
      id: 'digits',
      batchSize: 128,
      augment: 'character',
      seed: 7,
      valSplit: 0.1,
      input: [28, 28, 1],
      preprocess: 'ink-mnist',
      epochs: retrainDefaults.epochs,
      learningRate: retrainDefaults.learningRate,
      sampling: { [`folder:${feedback}`]: { share: retrainDefaults.feedbackShare } },
    });
    expect(notes).toEqual([]);
    // The server's feedback root instead of the model's folder in it: say which folder to pass.
    await mkdir(join(feedback, 'digits'));
    await expect(planRetrain({ modelDirectory: model, feedbackDirectory: feedback })).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringContaining(`Pass --feedback ${join(feedback, 'digits')}`),
    });
  });

  it('leaves out recorded folders that are gone, saying so, and fails when nothing is left', async () => {
    const feedback = await tempDir('glyph-feedback-');
    const gone = join(feedback, 'no-such-pieces');
    const model = await modelFolder(`mnist+folder:${gone}`);
    const plan = await planRetrain({ modelDirectory: model, feedbackDirectory: feedback, baseLimit: 500 });
    expect(plan.config.dataset).toBe(`mnist+folder:${feedback}`);
    expect(plan.config.sampling).toMatchObject({ mnist: { limit: 500 } });
    expect(plan.notes.join('\n')).toMatch(
      /also trained on folder:.*no-such-pieces, which is not here.*--base/,
    );
    const only = await modelFolder(`folder:${gone}`);
    await expect(planRetrain({ modelDirectory: only, feedbackDirectory: feedback })).rejects.toMatchObject({
      code: 'DATASET_MISSING',
      message: expect.stringMatching(/--base mnist/),
    });
    await mkdir(gone);
    const withBase = await planRetrain({ modelDirectory: only, feedbackDirectory: feedback, base: 'mnist' });
    expect(withBase.config.dataset).toBe(`mnist+folder:${feedback}`);
  });
});
