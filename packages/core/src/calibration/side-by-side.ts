import type { RawImage } from '../image/raw-image';
import { extractInk, type InkExtraction } from '../preprocess/extract-ink';
import type { Component } from '../preprocess/label-components';
import { groupOverlapping } from '../segment/merge-overlapping';

/** Pieces overlapping horizontally by this share of the narrower one are parts of one character. */
const SAME_CHARACTER_OVERLAP = 0.2;
/** A piece counts as a character of its own when it is at least this share of the tallest's height. */
const CHARACTER_HEIGHT_SHARE = 0.5;

/**
 * How many characters stand side by side in the image: the segmenter's components (dots and
 * detached bars attached to their character), pieces that overlap horizontally merged, and only
 * pieces of character height counted (a stray mark is not a character). 0 for no ink.
 */
export function countSideBySide(image: RawImage): number {
  return countCharactersSideBySide(extractInk(image));
}

/** `countSideBySide` on ink already extracted (by `preprocess`, which keeps its extraction). */
export function countCharactersSideBySide(extraction: InkExtraction | undefined): number {
  if (extraction === undefined) return 0;
  const spans = groupOverlapping(extraction.strokes)
    .map(span)
    .sort((a, b) => a.minX - b.minX);
  const merged: Span[] = [];
  for (const piece of spans) {
    const last = merged[merged.length - 1];
    const overlap = last === undefined ? -1 : Math.min(last.maxX, piece.maxX) - piece.minX + 1;
    const narrower = last === undefined ? 1 : Math.min(last.maxX - last.minX, piece.maxX - piece.minX) + 1;
    if (last !== undefined && overlap >= SAME_CHARACTER_OVERLAP * narrower) {
      merged[merged.length - 1] = {
        minX: last.minX,
        maxX: Math.max(last.maxX, piece.maxX),
        minY: Math.min(last.minY, piece.minY),
        maxY: Math.max(last.maxY, piece.maxY),
      };
    } else merged.push(piece);
  }
  const tallest = Math.max(...merged.map((piece) => piece.maxY - piece.minY + 1));
  return merged.filter((piece) => piece.maxY - piece.minY + 1 >= CHARACTER_HEIGHT_SHARE * tallest).length;
}

interface Span {
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

function span(group: readonly Component[]): Span {
  return {
    minX: Math.min(...group.map((c) => c.minX)),
    maxX: Math.max(...group.map((c) => c.maxX)),
    minY: Math.min(...group.map((c) => c.minY)),
    maxY: Math.max(...group.map((c) => c.maxY)),
  };
}
