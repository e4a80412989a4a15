import { describe, expect, it } from 'vitest';
import { dirNameToLabel, labelFromDirName, labelToDirName } from './label-folder-name';

describe('labelToDirName', () => {
  it('keeps plain lower-case labels and digits readable', () => {
    expect(['0', '7', 'a', 'z', 'cat', 'left-arrow', 'snake_case'].map(labelToDirName)).toEqual([
      '0',
      '7',
      'a',
      'z',
      'cat',
      'left-arrow',
      'snake_case',
    ]);
  });

  it('turns path syntax into a single harmless segment', () => {
    for (const label of ['.', '..', '/', '\\', '../etc', 'a/b', '', ' ', '%', 'con', 'NUL', 'com1']) {
      const name = labelToDirName(label);
      expect(name).toMatch(/^[a-z0-9_%A-F-]*$/);
      expect(name).not.toMatch(/^\.+$/);
      expect(name).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i);
      expect(dirNameToLabel(name)).toBe(label);
    }
    expect(labelToDirName('..')).toBe('%2E%2E');
    expect(labelToDirName('/')).toBe('%2F');
  });

  it('gives case-only variants names that differ even on a case-insensitive file system', () => {
    const labels = ['a', 'A', 'ab', 'Ab', 'aB', 'AB', 'é', 'É', '%41', 'con', 'Con', 'CON'];
    const folded = labels.map((label) => labelToDirName(label).toLowerCase());
    expect(new Set(folded).size).toBe(labels.length);
    for (const label of labels) expect(dirNameToLabel(labelToDirName(label))).toBe(label);
  });
});

describe('labelFromDirName', () => {
  it('reads back every name labelToDirName writes', () => {
    for (const label of ['7', 'a', 'A', '.', '..', '/', '\\', 'é', '%', '%41', 'con', 'Con', 'left arrow']) {
      expect(labelFromDirName(labelToDirName(label)), label).toBe(label);
    }
  });

  it('refuses names labelToDirName never writes: path syntax, hidden files, other spellings', () => {
    for (const name of [
      '',
      '.',
      '..',
      '.hidden',
      'a/b',
      'a\\b',
      'A',
      'Cat',
      '%61',
      '%2e',
      '%',
      '%4',
      '%ZZ',
      '%C3',
      'con',
    ]) {
      expect(labelFromDirName(name), name).toBeNull();
    }
  });
});
