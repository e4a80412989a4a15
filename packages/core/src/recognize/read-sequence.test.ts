import { describe, expect, it } from 'vitest';
import type { SequenceCharacterInput, SequencePreprocessResult } from '../segment/preprocess-sequence';
import { readSequence } from './read-sequence';

const labels = ['0', '1', '2'];

/** A candidate character whose "model input" carries the probabilities the stub classifier returns. */
function candidate(x: number, width: number, probabilities: number[], height = 100): SequenceCharacterInput {
  return { box: { x, y: 0, width, height }, input: Float32Array.from(probabilities) };
}

const classify = async (inputs: readonly Float32Array[]) => inputs.map((input) => Float32Array.from(input));
const read = (prepared: Omit<SequencePreprocessResult, 'empty' | 'typicalWidth' | 'lineHeight'>) =>
  readSequence(
    { empty: false, typicalWidth: 70, lineHeight: 100, ...prepared },
    classify,
    labels,
    undefined,
    {
      top: 1,
      debug: false,
    },
  );

describe('readSequence', () => {
  it('keeps confident single characters and does not join them', async () => {
    const zero = candidate(0, 70, [0.9995, 0.0003, 0.0002]);
    const one = candidate(75, 20, [0.0003, 0.9995, 0.0002]);
    const joined = candidate(0, 95, [0.97, 0.02, 0.01]);
    const result = await read({
      positions: [{ readings: [[zero]] }, { readings: [[one]] }],
      joins: [{ first: 0, character: joined }],
    });
    expect(result.text).toBe('01');
  });

  it('joins two pieces that are poor characters alone but a good one together', async () => {
    const left = candidate(0, 35, [0.4, 0.3, 0.3]);
    const right = candidate(30, 40, [0.3, 0.3, 0.4]);
    const joined = candidate(0, 70, [0.02, 0.02, 0.96]);
    const result = await read({
      positions: [{ readings: [[left]] }, { readings: [[right]] }],
      joins: [{ first: 0, character: joined }],
    });
    expect(result.text).toBe('2');
    expect(result.characters[0].box.width).toBe(70);
  });

  it('cuts a run two characters wide when the pieces read well', async () => {
    const whole = candidate(0, 140, [0.6, 0.1, 0.3]);
    const cut = [candidate(0, 70, [0.97, 0.02, 0.01]), candidate(70, 70, [0.01, 0.02, 0.97])];
    const sliver = [candidate(0, 120, [0.98, 0.01, 0.01]), candidate(120, 12, [0.01, 0.01, 0.98])];
    const result = await read({ positions: [{ readings: [[whole], cut, sliver] }], joins: [] });
    expect(result.text).toBe('02');
  });

  it('keeps a character whole when the model is sure of it and it is not too wide', async () => {
    const whole = candidate(0, 80, [0.99, 0.005, 0.005]);
    const cut = [candidate(0, 40, [0.99, 0.005, 0.005]), candidate(40, 40, [0.005, 0.99, 0.005])];
    expect((await read({ positions: [{ readings: [[whole], cut] }], joins: [] })).text).toBe('0');
  });

  it('drops a separate mark much shorter than the line when it reads as nothing well', async () => {
    const zero = candidate(0, 70, [0.98, 0.01, 0.01]);
    const speck = { box: { x: 80, y: 40, width: 4, height: 6 }, input: Float32Array.from([0.2, 0.5, 0.3]) };
    const two = candidate(100, 70, [0.01, 0.01, 0.98]);
    const result = await read({
      positions: [{ readings: [[zero]] }, { readings: [[speck]] }, { readings: [[two]] }],
      joins: [],
    });
    expect(result.text).toBe('02');
  });

  it('cuts two near-certain digits out of a glyph the model reads as one digit only fairly surely', async () => {
    // A 1 touching a 0 is as wide as one 0; the model calls the pair a 0 with p = 0.7, but each
    // cut piece with near certainty: together they outweigh the cost of one more character.
    const whole = candidate(0, 90, [0.7, 0.15, 0.15]);
    const cut = [candidate(0, 20, [1e-6, 1 - 2e-6, 1e-6]), candidate(25, 65, [1 - 2e-6, 1e-6, 1e-6])];
    expect((await read({ positions: [{ readings: [[whole], cut] }], joins: [] })).text).toBe('10');
  });
});
