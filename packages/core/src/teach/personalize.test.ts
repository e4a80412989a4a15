import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../engine/init-engine';
import { parseModelMetadata } from '../model/parse-metadata';
import { personalize } from './personalize';
import { shapeSamples, tinyBase } from '../testing';

beforeAll(() => initEngine({ backend: 'wasm' }));

async function weightValues(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
}

describe('personalize', () => {
  it('fits the corrections on a copy: the base keeps every weight, the result a new version of the same labels', async () => {
    const base = tinyBase();
    const original = await weightValues(base.model);
    const before = tf.memory().numTensors;
    const result = await personalize(base, shapeSamples(4, 8), { seed: 3, epochs: 8 });
    expect(result.after.total).toBe(12);
    expect(result.after.correct).toBeGreaterThan(result.before.correct);
    expect(await weightValues(base.model)).toEqual(original);
    const changed = await weightValues(result.model);
    expect(changed.some((values, i) => values.some((v, k) => v !== original[i][k]))).toBe(true);
    const metadata = parseModelMetadata(JSON.parse(JSON.stringify(result.metadata)), 'personal');
    expect(metadata).toMatchObject({ id: 'tiny', labels: base.metadata.labels, version: '2' });
    expect(metadata.training).toMatchObject({
      personalization: { from: { id: 'tiny', version: '1' }, corrections: 12 },
    });
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    base.model.dispose();
  });
});
