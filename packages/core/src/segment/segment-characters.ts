import { GlyphError } from '../errors/glyph-error';
import type { InkExtraction } from '../preprocess/extract-ink';
import type { Component } from '../preprocess/label-components';
import type { PixelBox } from '../preprocess/planes';
import { boundingBoxOf } from '../preprocess/remove-specks';
import type { CharacterSegment } from './character-segment';
import { groupOverlapping } from './merge-overlapping';
import { splitCandidates, type SplitOptions } from './split-wide';

/**
 * Digits are about 0.75 as wide as tall (MNIST's median); two touching digits can be as narrow as
 * 0.55 line heights (a 1 against a 7).
 */
export const DIGIT_SPLIT: SplitOptions = { typicalAspect: 0.75, minCutAspect: 0.55 };
/** Letters such as m and w are wide on their own; look for touching letters only in wider runs. */
export const LETTER_SPLIT: SplitOptions = { typicalAspect: 0.8, minCutAspect: 1.2 };

/**
 * One place in the line: the ink as one character (`readings[0]`) and, when it is wide, alternative
 * readings as several touching characters.
 */
export interface LinePosition {
  readonly readings: readonly (readonly CharacterSegment[])[];
}

/** Positions `first` and `first + 1` read together as one character (a character broken in two). */
export interface LineJoin {
  readonly first: number;
  readonly segment: CharacterSegment;
}

/** A line cut into candidate characters; the recognizer picks the best path through it. */
export interface LineSegmentation {
  /** Left to right by centre. */
  readonly positions: readonly LinePosition[];
  readonly joins: readonly LineJoin[];
  /** Width of one typical character on this line, in working pixels. */
  readonly typicalWidth: number;
  /** Median character height on this line, in working pixels. */
  readonly lineHeight: number;
}

/** Neighbours overlapping by this share of the narrower one's width may be one broken character. */
const JOIN_OVERLAP = 0.5;
/** ...or, when the shorter is under this share of the taller's height (a fragment)... */
const JOIN_SHORT_PIECE = 0.75;
/** ...and no farther from it than this share of the taller's height. */
const JOIN_SHORT_GAP = 0.25;

/**
 * Segments a line of writing into candidate characters: connected components (dots and detached bars
 * attached to their character), wide runs offered cut into touching characters, and close
 * neighbours offered joined into one broken character. Choosing among them is the recognizer's job.
 */
export function segmentLine(extraction: InkExtraction, split: SplitOptions): LineSegmentation {
  const wholes = groupOverlapping(extraction.strokes)
    .map(toSegment)
    .sort((a, b) => centreX(a) - centreX(b));
  const measure = { typicalWidth: typicalWidth(wholes, split), lineHeight: medianHeight(wholes) };
  const positions = wholes.map((whole) => ({
    readings: [[whole], ...splitCandidates(whole, extraction.ink, extraction.components, measure, split)],
  }));
  const joins: LineJoin[] = [];
  for (let i = 0; i + 1 < wholes.length; i++) {
    if (mayBeOneCharacter(wholes[i].box, wholes[i + 1].box)) {
      joins.push({ first: i, segment: joinSegments(wholes[i], wholes[i + 1]) });
    }
  }
  return { positions, joins, ...measure };
}

function mayBeOneCharacter(left: PixelBox, right: PixelBox): boolean {
  const overlap = Math.min(left.x + left.width, right.x + right.width) - Math.max(left.x, right.x);
  if (overlap >= JOIN_OVERLAP * Math.min(left.width, right.width)) return true;
  const taller = Math.max(left.height, right.height);
  return (
    overlap >= -JOIN_SHORT_GAP * taller && Math.min(left.height, right.height) < JOIN_SHORT_PIECE * taller
  );
}

function joinSegments(a: CharacterSegment, b: CharacterSegment): CharacterSegment {
  const x = Math.min(a.box.x, b.box.x);
  const y = Math.min(a.box.y, b.box.y);
  const right = Math.max(a.box.x + a.box.width, b.box.x + b.box.width);
  const bottom = Math.max(a.box.y + a.box.height, b.box.y + b.box.height);
  return { box: { x, y, width: right - x, height: bottom - y }, labels: [...a.labels, ...b.labels] };
}

/**
 * The width of one character on this line: the median width of segments shaped like a single
 * character (neither a narrow 1 or l nor a wide run), or the typical aspect times the median height
 * when fewer than three such segments exist.
 */
export function typicalWidth(segments: readonly CharacterSegment[], split: SplitOptions): number {
  const lineHeight = medianHeight(segments);
  const singles = segments
    .filter((s) => s.box.width >= 0.35 * s.box.height && s.box.width <= 1.1 * s.box.height)
    .map((s) => s.box.width)
    .sort((a, b) => a - b);
  if (singles.length < 3) return Math.max(1, split.typicalAspect * lineHeight);
  return singles[Math.floor(singles.length / 2)];
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

function medianHeight(segments: readonly CharacterSegment[]): number {
  const heights = segments.map((s) => s.box.height).sort((a, b) => a - b);
  return Math.max(1, heights[Math.floor(heights.length / 2)] ?? 1);
}
