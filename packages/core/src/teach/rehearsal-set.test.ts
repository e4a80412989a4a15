import { describe, expect, it } from 'vitest';
import type { LabeledImages } from '../data/labeled-images';
import { isGlyphError } from '../errors/glyph-error';
import type { ModelMetadata } from '../model/metadata';
import { parseRehearsalSet, pickRehearsalImages, rehearsalSetFile } from './rehearsal-set';
import { sha256Hex } from './sha256';

const metadata: ModelMetadata = {
  id: 'digits',
  name: 'Digits',
  task: 'character',
  labels: ['0', '1', '2'],
  input: { width: 4, height: 3, channels: 1 },
  preprocessing: { kind: 'ink-mnist' },
  dataset: { name: 'mnist', split: 'train', sha256: '0'.repeat(64) },
  metrics: { accuracy: 0.9 },
  training: { epochs: 1, seconds: 1, backend: 'cpu' },
  createdAt: '2026-01-01T00:00:00.000Z',
  version: '1',
};

/** A 4×3 training split of `perClass` images per class, every image filled with its own index. */
function trainSplit(perClass: number, classNames: readonly string[] = ['2', '0', '1']): LabeledImages {
  const count = perClass * classNames.length;
  return {
    name: 'toy:train',
    images: Uint8Array.from({ length: count * 12 }, (_, i) => Math.floor(i / 12)),
    labels: Int32Array.from({ length: count }, (_, i) => i % classNames.length),
    count,
    width: 4,
    height: 3,
    channels: 1,
    classNames,
  };
}

function builtSet(): { json: Record<string, unknown>; bytes: Uint8Array; picked: LabeledImages } {
  const picked = pickRehearsalImages(trainSplit(6), 2, 5);
  const json = rehearsalSetFile(picked, {
    preprocessing: 'ink-mnist',
    source: 'toy:train',
    seed: 5,
    perClass: 2,
  });
  return { json: JSON.parse(JSON.stringify(json)) as Record<string, unknown>, bytes: picked.images, picked };
}

function failure(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isGlyphError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a GlyphError');
}

describe('pickRehearsalImages', () => {
  it('takes perClass images of every class by a seeded shuffle, repeatably', () => {
    const train = trainSplit(10);
    const picked = pickRehearsalImages(train, 3, 5);
    expect(picked.count).toBe(9);
    expect([0, 1, 2].map((c) => picked.labels.filter((l) => l === c).length)).toEqual([3, 3, 3]);
    // Image i of the split is filled with i, so its first byte says which image was taken.
    const taken = Array.from({ length: picked.count }, (_, i) => picked.images[i * 12]);
    expect(new Set(taken).size).toBe(9);
    taken.forEach((source, i) => expect(train.labels[source]).toBe(picked.labels[i]));
    expect(pickRehearsalImages(train, 3, 5).images).toEqual(picked.images);
    expect(pickRehearsalImages(train, 3, 6).images).not.toEqual(picked.images);
    expect(pickRehearsalImages(trainSplit(2), 5, 1).count).toBe(6);
  });
});

describe('parseRehearsalSet', () => {
  it("round-trips a built set into the model's class order, labels and bytes intact", () => {
    const { json, bytes, picked } = builtSet();
    expect(json).toMatchObject({ format: 'glyph-rehearsal', version: 1, count: 6, source: 'toy:train' });
    expect(json.sha256).toBe(sha256Hex(bytes));
    const set = parseRehearsalSet(json, bytes, metadata, 'models/digits');
    expect(set.classNames).toEqual(['0', '1', '2']);
    expect(set).toMatchObject({ count: 6, width: 4, height: 3, channels: 1, name: 'toy:train rehearsal' });
    expect(set.images).toEqual(picked.images);
    // The toy split orders its classes 2, 0, 1; the parsed set names each image's label the same way.
    const names = (s: LabeledImages) => Array.from(s.labels, (l) => s.classNames[l]);
    expect(names(set)).toEqual(names(picked));
    expect(names(set)).toEqual(json.labels);
  });

  it('rejects a malformed file, a wrong byte count and a wrong digest as DATASET_CORRUPT', () => {
    const { json, bytes } = builtSet();
    const bad = failure(() => parseRehearsalSet({ ...json, format: 'other' }, bytes, metadata, 'models/x'));
    expect(bad.code).toBe('DATASET_CORRUPT');
    expect(bad.message).toMatch(/^models\/x: rehearsal\.json is not a valid rehearsal set \(format:/);
    expect(failure(() => parseRehearsalSet('nope', bytes, metadata, 'm')).code).toBe('DATASET_CORRUPT');

    const short = failure(() => parseRehearsalSet(json, bytes.subarray(12), metadata, 'm'));
    expect(short).toMatchObject({ code: 'DATASET_CORRUPT' });
    expect(short.message).toContain('holds 60 bytes, but 6 images of 4×3×1 need 72');

    const changed = Uint8Array.from(bytes);
    changed[5] ^= 1;
    const digest = failure(() => parseRehearsalSet(json, changed, metadata, 'm'));
    expect(digest.code).toBe('DATASET_CORRUPT');
    expect(digest.message).toContain('does not match the sha256');

    const labels = failure(() =>
      parseRehearsalSet({ ...json, labels: (json.labels as string[]).slice(1) }, bytes, metadata, 'm'),
    );
    expect(labels).toMatchObject({
      code: 'DATASET_CORRUPT',
      message: 'm: rehearsal.json lists 5 labels for 6 images.',
    });
  });

  it('rejects labels the model lacks and images of another shape or layout', () => {
    const { json, bytes } = builtSet();
    const labels = [...(json.labels as string[])];
    labels[0] = 'x';
    const unknown = failure(() => parseRehearsalSet({ ...json, labels }, bytes, metadata, 'm'));
    expect(unknown.code).toBe('LABEL_UNKNOWN');
    expect(unknown.message).toContain('"x"');

    const wide = failure(() => parseRehearsalSet({ ...json, width: 3, height: 4 }, bytes, metadata, 'm'));
    expect(wide.code).toBe('SHAPE_MISMATCH');
    expect(wide.message).toContain('are 3×4×1, but digits reads 4×3×1');

    const layout = failure(() =>
      parseRehearsalSet({ ...json, preprocessing: 'ink-emnist' }, bytes, metadata, 'm'),
    );
    expect(layout.code).toBe('SHAPE_MISMATCH');
    expect(layout.message).toContain('laid out by ink-emnist, but digits reads ink-mnist');
  });
});
