import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../engine/init-engine';
import { isGlyphError } from '../errors/glyph-error';
import { parseModelMetadata } from '../model/parse-metadata';
import { preprocess } from '../preprocess/preprocess';
import { classifyBatch } from '../recognize/classify';
import { teachClassifier } from './teach-classifier';
import { shapeLabels, shapeSamples, tinyBase } from '../testing';
import type { TeachProgress } from './teach-types';

beforeAll(() => initEngine({ backend: 'wasm' }));

const options = { id: 'shapes', name: 'Shapes', labels: [...shapeLabels], seed: 2 } as const;

describe('teachClassifier', () => {
  it('learns three shapes on a base model’s features; the result reads new drawings, its metadata parses, no tensor is left', async () => {
    const base = tinyBase();
    const before = tf.memory().numTensors;
    const progress: TeachProgress[] = [];
    const result = await teachClassifier(shapeSamples(10, 1), {
      ...options,
      base,
      epochs: 15,
      onProgress: (p) => progress.push(p),
    });
    const metadata = parseModelMetadata(JSON.parse(JSON.stringify(result.metadata)), 'taught');
    expect(metadata).toMatchObject({
      id: 'shapes',
      task: 'character',
      labels: [...shapeLabels],
      version: '1',
    });
    expect(metadata.preprocessing).toEqual({ kind: 'ink-mnist' });
    expect(result.history).toHaveLength(15);
    expect(result.history[14].loss).toBeLessThan(result.history[0].loss);
    const fresh = shapeSamples(6, 99);
    const inputs = fresh.map((s) => preprocess(s.image, metadata.preprocessing, metadata.input).input);
    const rows = await classifyBatch(result.model, inputs, metadata.input);
    const right = rows.filter((row, i) => shapeLabels[row.indexOf(Math.max(...row))] === fresh[i].label);
    expect(right.length).toBeGreaterThanOrEqual(17);
    expect(progress.map((p) => p.stage)).toContain('training');
    expect(progress[progress.length - 1].fraction).toBe(1);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    base.model.dispose();
  });

  it('reports on a stratified holdout it never trained on: 2 of every 10, counted in the metadata', async () => {
    const base = tinyBase();
    const result = await teachClassifier(shapeSamples(10, 1), { ...options, base, epochs: 2 });
    expect(result.report.n).toBe(6);
    expect(result.report.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([2, 2, 2]);
    expect(result.metadata.dataset).toMatchObject({ trainCount: 24, testCount: 6 });
    expect(result.metadata.metrics).toMatchObject({ evaluatedOn: 'teach-holdout', count: 6 });
    result.model.dispose();
    base.model.dispose();
  });

  it('trains a small CNN from scratch when no base is given', async () => {
    const before = tf.memory().numTensors;
    const result = await teachClassifier(shapeSamples(6, 4), { ...options, epochs: 3 });
    expect(result.history).toHaveLength(3);
    expect(result.history[2].loss).toBeLessThan(result.history[0].loss);
    expect(result.metadata.training).toMatchObject({ base: 'scratch', architecture: 'glyphnet' });
    expect(result.model.outputs[0].shape).toEqual([null, 3]);
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops within a batch when cancelled, throws CANCELLED and frees everything', async () => {
    const base = tinyBase();
    const before = tf.memory().numTensors;
    const signal = { aborted: false };
    let batchesAfterCancel = 0;
    const run = teachClassifier(shapeSamples(10, 1), {
      ...options,
      base,
      epochs: 30,
      signal,
      onProgress: (p) => {
        if (signal.aborted) batchesAfterCancel++;
        if (p.stage === 'training' && p.epoch >= 1) signal.aborted = true;
      },
    });
    await expect(run).rejects.toSatisfy(
      (error: unknown) => isGlyphError(error) && error.code === 'CANCELLED',
    );
    expect(batchesAfterCancel).toBeLessThanOrEqual(1);
    expect(tf.memory().numTensors).toBe(before);
    base.model.dispose();
  });

  it('refuses labels outside the list and labels without a drawing', async () => {
    const samples = shapeSamples(3, 1);
    await expect(teachClassifier(samples, { ...options, labels: ['bar', 'post'] })).rejects.toMatchObject({
      code: 'LABEL_UNKNOWN',
    });
    await expect(
      teachClassifier(samples, { ...options, labels: [...shapeLabels, 'dot'] }),
    ).rejects.toMatchObject({ code: 'DATASET_EMPTY' });
  });
});
