import { describe, expect, it } from 'vitest';
import { decideHoldout } from './holdout-policy';

const trainedOn = { name: 'emnist-byclass', holdout: { fraction: 0.15 } };

describe('decideHoldout', () => {
  it("defaults to the model's own held-out partition of the same dataset", () => {
    const decision = decideHoldout({ trainedOn, evaluating: 'emnist-byclass' });
    expect(decision).toMatchObject({ fraction: 0.15, source: 'model' });
    expect(decision.notes[0]).toMatch(/own held-out partition \(holdout 0\.15/);
  });

  it('warns when --holdout reaches into the training part', () => {
    expect(decideHoldout({ requested: 0.3, trainedOn, evaluating: 'emnist-byclass' }).notes[0]).toMatch(
      /larger than the model's training holdout 0\.15/,
    );
    expect(decideHoldout({ requested: 0.1, trainedOn, evaluating: 'emnist-byclass' })).toEqual({
      fraction: 0.1,
      source: 'flag',
      notes: [],
    });
  });

  it('warns when another dataset may overlap a holdout-trained model', () => {
    const decision = decideHoldout({ trainedOn, evaluating: 'emnist-letters' });
    expect(decision.fraction).toBeUndefined();
    expect(decision.notes[0]).toMatch(/may share images/);
  });

  it('does nothing for models trained on official splits', () => {
    expect(decideHoldout({ trainedOn: { name: 'mnist' }, evaluating: 'mnist' })).toEqual({
      source: 'none',
      notes: [],
    });
  });
});
