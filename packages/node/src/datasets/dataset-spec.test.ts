import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';
import { datasetName, formatDatasetSpec, parseDatasetSpec, splitDatasetSpecs } from './dataset-spec';
import { parseEmnistMapping, mapLabels } from './emnist-mapping';

describe('parseDatasetSpec', () => {
  it('parses known names with and without a split', () => {
    expect(parseDatasetSpec('mnist')).toEqual({ kind: 'known', name: 'mnist' });
    expect(parseDatasetSpec('mnist:test')).toEqual({ kind: 'known', name: 'mnist', split: 'test' });
    expect(parseDatasetSpec('emnist-byclass:test')).toEqual({
      kind: 'known',
      name: 'emnist-byclass',
      split: 'test',
    });
  });

  it('parses folder specs, taking only a trailing :train/:test as the split', () => {
    expect(parseDatasetSpec('folder:/x')).toEqual({ kind: 'folder', path: '/x' });
    expect(parseDatasetSpec('folder:/x:train')).toEqual({ kind: 'folder', path: '/x', split: 'train' });
    expect(parseDatasetSpec('folder:/a:b/c:test')).toEqual({ kind: 'folder', path: '/a:b/c', split: 'test' });
  });

  it('rejects unknown names with DATASET_UNKNOWN listing the known ones', () => {
    expect(() => parseDatasetSpec('cifar10')).toThrow(
      expect.objectContaining({
        code: 'DATASET_UNKNOWN',
        message: expect.stringMatching(/Unknown dataset "cifar10".*mnist, emnist-byclass.*folder:<path>/),
      }),
    );
  });

  it('rejects bad splits and empty folder paths with BAD_USAGE', () => {
    expect(() => parseDatasetSpec('mnist:val')).toThrow(
      expect.objectContaining({
        code: 'BAD_USAGE',
        message: expect.stringContaining('mnist:train or mnist:test'),
      }),
    );
    expect(() => parseDatasetSpec('mnist:test:x')).toThrow(expect.objectContaining({ code: 'BAD_USAGE' }));
    expect(() => parseDatasetSpec('folder::test')).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE', message: expect.stringContaining('names no folder') }),
    );
  });
});

describe('formatDatasetSpec and datasetName', () => {
  const specs = ['mnist', 'mnist:test', 'emnist-byclass:train', 'folder:./my:images', 'folder:/x/y:test'];

  it('write a parsed spec back as the text it was parsed from', () => {
    for (const spec of specs) expect(formatDatasetSpec(parseDatasetSpec(spec))).toBe(spec);
  });

  it('name the dataset without its split, a folder by its absolute path', () => {
    expect(datasetName(parseDatasetSpec('emnist-letters:test'))).toBe('emnist-letters');
    expect(datasetName(parseDatasetSpec('folder:./my-images:train'))).toBe(`folder:${resolve('my-images')}`);
  });
});

describe('resolveDataDir', () => {
  it('prefers the flag, then GLYPH_DATA_DIR, then ~/.cache/glyph/datasets', () => {
    expect(resolveDataDir('/flag', { GLYPH_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { GLYPH_DATA_DIR: 'rel/data' })).toBe(resolve('rel/data'));
    expect(resolveDataDir(undefined, {})).toBe(join(homedir(), '.cache', 'glyph', 'datasets'));
    expect(resolveDataDir('', { GLYPH_DATA_DIR: '' })).toBe(join(homedir(), '.cache', 'glyph', 'datasets'));
  });
});

describe('parseEmnistMapping', () => {
  it('reads "label ascii" lines in label order', () => {
    const mapping = parseEmnistMapping('1 65\n0 48\n2 97\n', 'm.txt');
    expect(mapping.classNames).toEqual(['0', 'A', 'a']);
    expect(Array.from(mapping.classOfLabel)).toEqual([0, 1, 2]);
  });

  it('makes letters case-insensitive classes with index = label - 1', () => {
    const mapping = parseEmnistMapping('1 65 97\n2 66 98\n26 90 122\n', 'letters.txt');
    expect(mapping.classNames).toEqual(['a', 'b', 'z']);
    expect(Array.from(mapLabels(Uint8Array.of(1, 26, 2), mapping, 'l'))).toEqual([0, 2, 1]);
  });

  it('rejects malformed lines and unmapped labels with DATASET_CORRUPT', () => {
    expect(() => parseEmnistMapping('0 48\nzero 48\n', 'm.txt')).toThrow(
      expect.objectContaining({ code: 'DATASET_CORRUPT', message: expect.stringContaining('m.txt line 2') }),
    );
    const mapping = parseEmnistMapping('1 65 97\n', 'letters.txt');
    expect(() => mapLabels(Uint8Array.of(1, 0), mapping, 'labels.gz')).toThrow(
      expect.objectContaining({
        code: 'DATASET_CORRUPT',
        message: expect.stringContaining('labels.gz: label 0 of item 1 is not one of the 1 classes'),
      }),
    );
  });
});

describe('splitDatasetSpecs', () => {
  it('splits at + only where a dataset or folder: follows', () => {
    expect(splitDatasetSpecs('mnist')).toEqual(['mnist']);
    expect(splitDatasetSpecs('mnist+folder:./feedback')).toEqual(['mnist', 'folder:./feedback']);
    expect(splitDatasetSpecs('folder:/a+b/c+emnist-letters:train+mnist')).toEqual([
      'folder:/a+b/c',
      'emnist-letters:train',
      'mnist',
    ]);
    expect(splitDatasetSpecs('folder:/x+mnistish')).toEqual(['folder:/x+mnistish']);
  });

  it('leaves combined specs to glyph train: parseDatasetSpec refuses them with BAD_USAGE', () => {
    expect(() => parseDatasetSpec('mnist+folder:/x')).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE', message: expect.stringContaining('only glyph train') }),
    );
  });
});
