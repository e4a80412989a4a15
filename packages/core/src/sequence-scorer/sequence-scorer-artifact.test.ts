import { describe, expect, it } from 'vitest';
import { isGlyphError } from '../errors/glyph-error';
import { PIECE_FEATURE_NAMES } from '../recognize/piece-features';
import { SEQUENCE_WEIGHTS } from '../recognize/sequence-weights';
import {
  parseSequenceScorer,
  resolveSequenceWeights,
  sequenceScorerArtifact,
} from './sequence-scorer-artifact';

const model = { id: 'digits', createdAt: '2026-12-02T04:24:37.151Z' };
/** The artifact as it travels: written as JSON, read back. */
const asFile = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const artifactFile = () => asFile(sequenceScorerArtifact(SEQUENCE_WEIGHTS, model, { steps: 800 }));

function modelInvalid(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isGlyphError(error) && error.code).toBe('MODEL_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected MODEL_INVALID');
}

describe('sequence-scorer.json', () => {
  it('round-trips through JSON to exactly the weights it was written from', () => {
    const { weights, from } = resolveSequenceWeights(artifactFile(), model, 'models/digits');
    expect(from).toBe('folder');
    expect(weights).toEqual(SEQUENCE_WEIGHTS);
    const bits = (w: typeof weights) => [
      ...w.center,
      ...w.scale,
      ...w.linear,
      ...w.hidden.flatMap((u) => [u.bias, u.output, ...u.input]),
      w.stray,
    ];
    expect(bits(weights).every((x, i) => Object.is(x, bits(SEQUENCE_WEIGHTS)[i]))).toBe(true);
  });

  it('uses the default scorer for a folder without one, or one fitted for another version', () => {
    expect(resolveSequenceWeights(undefined, model, 'm')).toEqual({
      weights: SEQUENCE_WEIGHTS,
      from: 'default',
    });
    const other = resolveSequenceWeights(
      artifactFile(),
      { ...model, createdAt: '2027-01-01T00:00:00.000Z' },
      'm',
    );
    expect(other).toEqual({ weights: SEQUENCE_WEIGHTS, from: 'stale' });
  });

  it('uses a fitted scorer that differs from the default', () => {
    const changed = { ...SEQUENCE_WEIGHTS, stray: 3.5, hidden: SEQUENCE_WEIGHTS.hidden.slice(0, 2) };
    const { weights } = resolveSequenceWeights(
      asFile(sequenceScorerArtifact(changed, model, {})),
      model,
      'm',
    );
    expect(weights.stray).toBe(3.5);
    expect(weights.hidden).toHaveLength(2);
  });

  it('refuses files that are not a scorer, naming what is wrong and how to fix it', () => {
    expect(modelInvalid(() => parseSequenceScorer({ format: 'glyph-calibration' }, 'models/x'))).toMatch(
      /models\/x: sequence-scorer\.json is not a valid sequence scorer \(format: .*glyph sequence-scorer fit/,
    );
    const file = artifactFile() as { scale: number[]; features: string[]; hidden: { input: number[] }[] };
    expect(
      modelInvalid(() => parseSequenceScorer({ ...file, scale: [0, ...file.scale.slice(1)] }, 'm')),
    ).toMatch(/scale\.0/);
    const renamed = [...file.features.slice(1), 'somethingNew'];
    expect(modelInvalid(() => parseSequenceScorer({ ...file, features: renamed }, 'm'))).toMatch(
      /weighs the features .*somethingNew.*but the recognizer computes/,
    );
    const short = { ...file, hidden: [{ ...file.hidden[0], input: file.hidden[0].input.slice(1) }] };
    expect(modelInvalid(() => parseSequenceScorer(short, 'm'))).toMatch(
      new RegExp(`do not match its ${PIECE_FEATURE_NAMES.length} features`),
    );
  });
});
