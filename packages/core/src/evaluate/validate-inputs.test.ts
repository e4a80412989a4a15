import { describe, expect, it } from 'vitest';
import { toFloatBatch } from './to-float-batch';
import { assertDataFitsModel, mapClassesToLabels } from './validate-inputs';

describe('mapClassesToLabels', () => {
  it('maps by exact name, in dataset order', () => {
    expect(Array.from(mapClassesToLabels(['7', '1'], ['0', '1', '7']))).toEqual([2, 1]);
  });

  it('falls back to case-insensitive names when the model labels are distinct ignoring case', () => {
    expect(Array.from(mapClassesToLabels(['A', 'a', 'b'], ['a', 'b']))).toEqual([0, 0, 1]);
  });

  it('stays case-sensitive when the model tells upper and lower case apart', () => {
    expect(() => mapClassesToLabels(['B'], ['a', 'A', 'b'])).toThrow(/"B"/);
  });
});

describe('assertDataFitsModel', () => {
  const shape = (width: number, height: number, channels: number) => ({
    input: { width, height, channels },
    outputUnits: 10,
  });

  it('accepts images of the input size and channel count', () => {
    expect(() =>
      assertDataFitsModel(shape(28, 28, 1), { width: 28, height: 28, channels: 1 }, 'm'),
    ).not.toThrow();
  });

  it('rejects a transposed size and another channel count', () => {
    expect(() => assertDataFitsModel(shape(10, 20, 1), { width: 20, height: 10, channels: 1 }, 'm')).toThrow(
      expect.objectContaining({
        code: 'SHAPE_MISMATCH',
        message: expect.stringMatching(/expects input \[20, 10, 1\]/),
      }),
    );
    expect(() => assertDataFitsModel(shape(28, 28, 1), { width: 28, height: 28, channels: 3 }, 'm')).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});

describe('toFloatBatch', () => {
  it('scales the requested images to [0,1]', () => {
    const bytes = Uint8Array.from([0, 255, 51, 255, 0, 102]);
    expect(Array.from(toFloatBatch(bytes, 1, 1, 3))).toEqual([1, 0, 0.4].map(Math.fround));
    expect(toFloatBatch(bytes, 0, 2, 3)).toHaveLength(6);
  });
});
