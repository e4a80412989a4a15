import { describe, expect, it } from 'vitest';
import { PIECE_FEATURE_NAMES, pieceFeatures, type PieceEvidence } from './piece-features';
import { scorePiece } from './sequence-scoring';
import { SEQUENCE_WEIGHTS } from './sequence-weights';

const labels = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const line = { lineHeight: 100, typicalWidth: 75 };

/** Class probabilities with `p` on `digit` and the rest spread evenly. */
function sure(digit: number, p: number): Float64Array {
  return Float64Array.from(labels, (_, i) => (i === digit ? p : (1 - p) / 9));
}

function piece(overrides: Partial<PieceEvidence>): PieceEvidence {
  return { row: sure(8, 0.9999), labels, box: { width: 75, height: 100 }, kind: 'whole', ...overrides };
}

const score = (evidence: PieceEvidence) => scorePiece(evidence, line, SEQUENCE_WEIGHTS).score;

describe('the fitted sequence scorer', () => {
  it('has one weight per piece feature in every table', () => {
    const count = PIECE_FEATURE_NAMES.length;
    expect(SEQUENCE_WEIGHTS.center).toHaveLength(count);
    expect(SEQUENCE_WEIGHTS.scale).toHaveLength(count);
    expect(SEQUENCE_WEIGHTS.linear).toHaveLength(count);
    for (const unit of SEQUENCE_WEIGHTS.hidden) expect(unit.input).toHaveLength(count);
    expect(SEQUENCE_WEIGHTS.scale.every((s) => s > 0)).toBe(true);
  });

  it('trusts a sure reading more than a doubtful one', () => {
    expect(score(piece({ row: sure(8, 0.9999) }))).toBeGreaterThan(score(piece({ row: sure(8, 0.8) })));
  });

  it('doubts an 8 twice as wide as the line’s characters (two digits read as one)', () => {
    expect(score(piece({}))).toBeGreaterThan(score(piece({ box: { width: 150, height: 100 } })));
  });

  it('doubts a cut that passes through two strokes more than one through a single touching stroke', () => {
    const cut = (strokes: number) =>
      piece({ kind: 'cut', row: sure(3, 0.9999), seams: [{ strokes, inkShare: 0.6 }] });
    expect(score(cut(1))).toBeGreaterThan(score(cut(3)));
  });

  it('doubts a short fragment read as a 1 more than a full-height 1', () => {
    const one = (height: number) => piece({ row: sure(1, 0.9999), box: { width: 15, height } });
    expect(score(one(100))).toBeGreaterThan(score(one(45)));
  });
});

describe('pieceFeatures', () => {
  it('counts the strokes a cut crosses beyond the first, and only cut pieces carry cut evidence', () => {
    const index = (name: (typeof PIECE_FEATURE_NAMES)[number]) => PIECE_FEATURE_NAMES.indexOf(name);
    const seams = [
      { strokes: 2, inkShare: 1.2 },
      { strokes: 1, inkShare: 0.4 },
    ];
    const cut = pieceFeatures(piece({ kind: 'cut', seams }), 8, line);
    expect(cut[index('seamExtraStrokes')]).toBe(1);
    expect(cut[index('seamInk')]).toBeCloseTo(1.6);
    expect(cut[index('cut')]).toBe(1);
    const whole = pieceFeatures(piece({}), 8, line);
    expect(whole[index('cut')]).toBe(0);
    expect(whole[index('seamInk')]).toBe(0);
    expect(whole).toHaveLength(PIECE_FEATURE_NAMES.length);
  });
});
