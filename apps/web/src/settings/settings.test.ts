import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings, serializeSettings, type Settings } from './settings';

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
    expect(parseSettings(JSON.stringify(stored))).toEqual({
      modelId: 'letters',
      recognitionSite: 'server',
      backend: 'wasm',
      mode: 'sequence',
      charset: 'digits',
      strokeWidthPx: 28,
    });
  });

  it('falls back to defaults for missing, damaged or unknown values', () => {
    expect(parseSettings(null)).toEqual(defaultSettings);
    expect(parseSettings('{not json')).toEqual(defaultSettings);
    expect(parseSettings(JSON.stringify({ engine: 'gpu', strokeWidthPx: 3, modelId: 5 }))).toEqual(
      defaultSettings,
    );
  });
});

describe('serializeSettings', () => {
  it('keeps where predictions run under the stored key `engine` and reads back what it wrote', () => {
    const settings: Settings = { ...defaultSettings, modelId: 'digits', recognitionSite: 'server' };
    const stored = JSON.parse(serializeSettings(settings)) as Record<string, unknown>;
    expect(stored.engine).toBe('server');
    expect(stored).not.toHaveProperty('recognitionSite');
    expect(parseSettings(serializeSettings(settings))).toEqual(settings);
  });
});
