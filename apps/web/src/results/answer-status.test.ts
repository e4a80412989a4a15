import { describe, expect, it } from 'vitest';
import { describeAnswer } from './answer-status';

const waiting = { idleHint: 'Draw a digit', loading: false };

describe('describeAnswer', () => {
  it('is honest about having nothing to say', () => {
    expect(describeAnswer(null, null, waiting)).toMatchObject({ status: 'idle', note: 'Draw a digit' });
    expect(describeAnswer(null, null, { ...waiting, loading: true }).status).toBe('loading');
    expect(describeAnswer({ empty: true, predictions: [] }, null, waiting).status).toBe('empty');
    expect(describeAnswer(null, 'server down', waiting)).toMatchObject({
      status: 'error',
      note: 'server down',
    });
  });

  it('says "not a character" for a rejected answer, and "try sequence mode" for several characters', () => {
    const predictions = [{ label: '2', confidence: 0.97 }];
    const line = describeAnswer(
      { empty: false, predictions, rejected: { reason: 'not-a-character', hint: 'a line?' } },
      null,
      waiting,
    );
    expect(line).toMatchObject({ status: 'not-a-character', headline: '?' });
    expect(line.note).toMatch(/^Not a character/);
    const pair = describeAnswer(
      { empty: false, predictions, rejected: { reason: 'several-characters', hint: 'several' } },
      null,
      waiting,
    );
    expect(pair.status).toBe('not-a-character');
    expect(pair.note).toMatch(/sequence mode/);
    const unsure = describeAnswer(
      { empty: false, predictions, rejected: { reason: 'uncertain', hint: 'not sure' } },
      null,
      waiting,
    );
    expect(unsure.status).toBe('unsure');
    expect(describeAnswer({ empty: false, predictions }, null, waiting).status).toBe('confident');
  });

  it('calls a weak top-1 a guess and names the runner-up', () => {
    const answer = describeAnswer(
      {
        empty: false,
        predictions: [
          { label: '7', confidence: 0.41 },
          { label: '1', confidence: 0.38 },
        ],
      },
      null,
      waiting,
    );
    expect(answer).toMatchObject({ status: 'unsure', headline: '7' });
    expect(answer.note).toContain('1 (38.0%)');
  });

  it('states a confident answer with its confidence', () => {
    const answer = describeAnswer(
      { empty: false, predictions: [{ label: '3', confidence: 0.987 }] },
      null,
      waiting,
    );
    expect(answer).toEqual({ status: 'confident', headline: '3', note: '98.7% confident' });
  });

  it('describes sequences by text and flags the unsure characters', () => {
    const box = { x: 0, y: 0, width: 1, height: 1 };
    const answer = describeAnswer(
      {
        empty: false,
        predictions: [],
        text: '42',
        characters: [
          { box, predictions: [{ label: '4', confidence: 0.9 }] },
          { box, predictions: [{ label: '2', confidence: 0.3 }] },
        ],
      },
      null,
      waiting,
    );
    expect(answer).toEqual({ status: 'unsure', headline: '42', note: '2 characters; not sure about 2.' });
  });
});
