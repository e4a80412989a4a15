import { GlyphError } from '../errors/glyph-error';
import type { InkExtraction } from '../preprocess/extract-ink';
import type { Component } from '../preprocess/label-components';
import { boundingBoxOf } from '../preprocess/remove-specks';
import type { CharacterSegment } from './character-segment';
import { groupOverlapping } from './merge-overlapping';
import { splitCandidates, type SplitOptions } from './split-wide';

/** Digits are narrow (MNIST's median is 0.75 wide per 1 tall); a run wider than tall may be two. */
export const DIGIT_SPLIT: SplitOptions = { minAspect: 0.95, narrowAspect: 0.4 };
/** Letters such as m and w are wide on their own; look for touching letters only in longer runs. */
export const LETTER_SPLIT: SplitOptions = { minAspect: 1.25, narrowAspect: 0.45 };

/**
 * One place in the line: the ink as one character (`readings[0]`) and, when it is wide, alternative
 * readings as several touching characters. The recognizer keeps the reading it is surest of.
 */
export interface LinePosition {
  readonly readings: readonly (readonly CharacterSegment[])[];
}

/**
 * Segments a line of writing into character positions, left to right: connected components, pieces
 * that overlap horizontally merged (i/j dots, broken strokes), wide runs offered split at ink minima.
 */
export function segmentLine(extraction: InkExtraction, split: SplitOptions): LinePosition[] {
  return groupOverlapping(extraction.strokes)
    .map((group) => {
      const whole = toSegment(group);
      return { readings: [[whole], ...splitCandidates(whole, extraction.ink, extraction.components, split)] };
    })
    .sort((a, b) => centreX(a.readings[0][0]) - centreX(b.readings[0][0]));
}

function centreX(segment: CharacterSegment): number {
  return segment.box.x + segment.box.width / 2;
}

function toSegment(group: readonly Component[]): CharacterSegment {
  const box = boundingBoxOf(group);
  if (box === undefined) {
    throw new GlyphError(
      'INTERNAL',
      'A component group was empty; groups always hold one component or more.',
    );
  }
  return { box, labels: group.map((component) => component.label) };
}
