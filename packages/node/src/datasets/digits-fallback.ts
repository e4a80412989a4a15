import type { LabeledImages } from '@glyph/core';
import { selectImages } from '@glyph/core/data';

/**
 * emnist-digits:test when the official digits test file is absent: the digit images of
 * emnist-byclass:test (classes 0..9; the same NIST writers and recipe as EMNIST Digits), relabelled
 * to the ten digit classes.
 */
export function digitsOfByclass(
  byclass: LabeledImages,
  name: string,
): { set: LabeledImages; notes: string[] } {
  const digitNames = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const digitOfClass = byclass.classNames.map((className) => digitNames.indexOf(className));
  const indices: number[] = [];
  for (let i = 0; i < byclass.count; i++) if (digitOfClass[byclass.labels[i]] >= 0) indices.push(i);
  const selected = selectImages(byclass, indices, name);
  const set = {
    ...selected,
    labels: selected.labels.map((label) => digitOfClass[label]),
    classNames: digitNames,
  };
  return {
    set,
    notes: [
      `${name} is assembled locally because the official digits test file is absent: the ${set.count} ` +
        'digit images of emnist-byclass:test (classes 0..9, the same NIST writers as EMNIST Digits).',
    ],
  };
}
