import { describe, expect, it } from 'vitest';
import { classRatioCells, formatColumns } from './format-columns';
import { fixtureReport } from '../testing';
import { renderTerminalReport } from './render-terminal';

describe('renderTerminalReport', () => {
  it('prints summary, per-class rows, the confusion matrix and mistakes', () => {
    const text = renderTerminalReport(fixtureReport());
    expect(text).toMatch(/Accuracy\s+75\.00% \(9\/12\)/);
    expect(text).toMatch(/These numbers come from the test split of fixture\./);
    expect(text).toMatch(/^0\s+75\.00%\s+75\.00%\s+75\.00%\s+4\s+4$/m);
    expect(text).toMatch(/true \\ predicted\s+0\s+1\s+2/);
    expect(text).toMatch(/0 → 1\s+1/);
    expect(text).toMatch(/Note: 2 duplicate images removed\./);
  });

  it('says plainly when the numbers come from a held-out partition', () => {
    const text = renderTerminalReport(fixtureReport(['0', '1', '2'], { holdoutFraction: 0.2 }));
    expect(text).toMatch(/HELD-OUT PARTITION, NOT THE OFFICIAL TEST SPLIT: .*20% of fixture:test/);
  });

  it('leaves out the confusion matrix for many classes', () => {
    const labels = Array.from({ length: 20 }, (_, i) => `c${i}`);
    expect(renderTerminalReport(fixtureReport(labels, { n: 40 }))).not.toMatch(/Confusion matrix/);
  });
});

describe('classRatioCells', () => {
  it('shows ratios without a denominator as a dash', () => {
    expect(classRatioCells({ precision: 0, recall: 0, f1: 0, support: 3, predicted: 0 })).toEqual([
      '–',
      '0.00%',
      '0.00%',
    ]);
    expect(classRatioCells({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 2 })).toEqual([
      '0.00%',
      '–',
      '0.00%',
    ]);
    expect(classRatioCells({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 })).toEqual([
      '–',
      '–',
      '–',
    ]);
  });
});

describe('formatColumns', () => {
  it('aligns columns left or right', () => {
    expect(
      formatColumns(
        [
          ['a', '1'],
          ['bbb', '22'],
        ],
        ['left', 'right'],
      ),
    ).toBe('a     1\nbbb  22');
  });
});
