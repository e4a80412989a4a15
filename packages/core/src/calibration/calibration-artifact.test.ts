import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isGlyphError } from '../errors/glyph-error';
import type { ModelMetadata } from '../model/metadata';
import { loadRecognizer } from '../recognize/load-recognizer';
import { calibrationMatches, parseCalibration, type ModelCalibration } from './calibration-artifact';

const metadata: ModelMetadata = {
  id: 'pair',
  name: 'Two classes',
  task: 'character',
  labels: ['a', 'b'],
  input: { width: 4, height: 4, channels: 1 },
  preprocessing: { kind: 'ink-mnist' },
  dataset: { name: 'synthetic', split: 'train', sha256: '0' },
  metrics: { accuracy: 1 },
  training: { epochs: 0, seconds: 0, backend: 'cpu' },
  createdAt: '2026-01-01T00:00:00.000Z',
  version: '1',
};

const calibration = (createdAt = metadata.createdAt, temperature = 3): ModelCalibration => ({
  format: 'glyph-calibration',
  version: 1,
  model: { id: 'pair', createdAt },
  temperature,
  uncertainBelow: 0.5,
  fitted: {},
});

/** A network whose answer is always softmax([2, 0]) ≈ [0.88, 0.12], whatever the input. */
async function constantModel(): Promise<tf.io.IOHandler> {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [4, 4, 1] }),
      tf.layers.dense({
        units: 2,
        activation: 'softmax',
        kernelInitializer: 'zeros',
        biasInitializer: 'zeros',
      }),
    ],
  });
  (model.layers[1].getWeights()[1] as tf.Variable).assign(tf.tensor1d([2, 0]));
  let artifacts: tf.io.ModelArtifacts | undefined;
  const handler = tf.io.withSaveHandler(async (saved) => {
    artifacts = saved;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
  await model.save(handler);
  model.dispose();
  return tf.io.fromMemory(artifacts!);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('calibration.json', () => {
  it('refuses a malformed file with MODEL_INVALID and says how to fix it', () => {
    const bad = { ...calibration(), temperature: -1 };
    try {
      parseCalibration(bad, 'models/pair');
      expect.unreachable();
    } catch (error) {
      expect(isGlyphError(error) && error.code).toBe('MODEL_INVALID');
      expect(String(error)).toMatch(/temperature/);
      expect(String(error)).toMatch(/glyph calibrate/);
    }
  });

  it('applies only to the model it was fitted for', async () => {
    expect(calibrationMatches(calibration(), metadata)).toBe(true);
    expect(calibrationMatches(calibration('2025-01-01T00:00:00.000Z'), metadata)).toBe(false);
    const image = {
      data: new Uint8Array(16 * 16).fill(255).fill(0, 100, 140),
      width: 16,
      height: 16,
      channels: 1 as const,
    };
    const raw = await loadRecognizer(await constantModel(), metadata, 'pair');
    const calibrated = await loadRecognizer(await constantModel(), metadata, 'pair', calibration());
    const stale = await loadRecognizer(
      await constantModel(),
      metadata,
      'pair',
      calibration('2025-01-01T00:00:00.000Z'),
    );
    const top = async (recognizer: typeof raw) =>
      (await recognizer.recognize(image)).predictions[0].confidence;
    const softened = 1 / (1 + Math.exp(-2 / 3));
    expect(await top(raw)).toBeCloseTo(1 / (1 + Math.exp(-2)), 5);
    expect(await top(calibrated)).toBeCloseTo(softened, 5);
    expect(await top(stale)).toBeCloseTo(await top(raw), 6);
    expect(stale.calibration).toBeUndefined();
    [raw, calibrated, stale].forEach((recognizer) => recognizer.dispose());
  });
});
