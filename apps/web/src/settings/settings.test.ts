import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings } from './settings';

describe('parseSettings', () => {
  it('restores valid stored choices', () => {
    const stored = {
      modelId: 'letters',
      engine: 'server',
      backend: 'wasm',
      mode: 'sequence',
      charset: 'digits',
      strokeWidthPx: 28,
    };
    expect(parseSettings(JSON.stringify(stored))).toEqual(stored);
  });

  it('falls back to defaults for missing, damaged or unknown values', () => {
    expect(parseSettings(null)).toEqual(defaultSettings);
    expect(parseSettings('{not json')).toEqual(defaultSettings);
    expect(parseSettings(JSON.stringify({ engine: 'gpu', strokeWidthPx: 3, modelId: 5 }))).toEqual(
      defaultSettings,
    );
  });
});
