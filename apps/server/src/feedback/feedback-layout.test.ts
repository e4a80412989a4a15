import { describe, expect, it } from 'vitest';
import { isSampleFileName, modelDirName, modelIdFromDirName, sampleUrl } from './feedback-layout';

describe('feedback layout', () => {
  it('names model folders by id, and reads back only the names the store writes', () => {
    for (const id of ['digits', 'chars.v2', 'my_model-1', 'Upper', '.x', 'a/b']) {
      expect(modelIdFromDirName(modelDirName(id)), id).toBe(id);
    }
    expect(modelDirName('Upper')).toBe('%55pper');
    for (const name of ['', '.', '..', '.hidden', 'a/b', 'Upper', 'chars%2Ev2', '%64igits']) {
      expect(modelIdFromDirName(name), name).toBeNull();
    }
  });

  it('accepts plain .png file names only: no temporary, hidden or other files', () => {
    expect(isSampleFileName('20250131T235959123Z-1a2b3c4d.png')).toBe(true);
    for (const name of [
      '.20250131T235959123Z-1a2b3c4d.png.tmp',
      '.x.png',
      'x.txt',
      'x.png/y',
      '../x.png',
      '',
    ]) {
      expect(isSampleFileName(name), name).toBe(false);
    }
  });

  it('builds sample URLs that keep each folder name one path segment', () => {
    expect(sampleUrl('digits/%41/1.png')).toBe('/api/feedback/files/digits/%2541/1.png');
  });
});
