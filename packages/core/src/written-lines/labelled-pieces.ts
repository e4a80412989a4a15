// Digits as the sequence reader sees them: a written line (`writeNumber`) segmented by `segmentLine`,
// and every candidate piece — a whole component, a piece cut out of touching digits — that matches
// one written digit, labelled with that digit, so a digits model can be fine-tuned on them beside
// MNIST. Pieces that match no single digit (a half, two digits together) have no label and are left
// out.
import { areaResize, fitLongerSide } from '../preprocess/area-resize';
import { cropInk } from '../preprocess/crop-ink';
import { extractInk } from '../preprocess/extract-ink';
import type { FloatPlane, PixelBox } from '../preprocess/planes';
import type { CharacterSegment } from '../segment/character-segment';
import { DIGIT_SPLIT, segmentLine } from '../segment/segment-characters';

/** A whole component is the digit it overlaps this much (intersection over union of the boxes). */
const WHOLE_IOU = 0.7;
/**
 * Cut pieces must match closer, and only the best cut of each digit is kept: teaching the model to
 * read a badly cut digit as the digit would make it confident on wrong cuts, which the sequence
 * scorer relies on it not to be.
 */
const CUT_IOU = 0.85;
/** Every piece is drawn on a white square this size, its longer side scaled to `INK_SIDE`. */
export const LINE_PIECE_SIDE = 80;
const INK_SIDE = 72;

export interface LinePiece {
  readonly label: string;
  /** The piece alone, dark on white, `LINE_PIECE_SIDE`×`LINE_PIECE_SIDE`. */
  readonly pixels: Uint8Array;
  readonly cut: boolean;
}

/**
 * The labelled pieces of one line: per written digit, the whole component that matches it and the
 * best cut piece that matches it closely.
 */
export function labelledPieces(
  image: Parameters<typeof extractInk>[0],
  text: string,
  boxes: readonly PixelBox[],
): LinePiece[] {
  const extraction = extractInk(image);
  if (extraction === undefined) return [];
  const line = segmentLine(extraction, DIGIT_SPLIT);
  const best = new Map<string, { segment: CharacterSegment; overlap: number }>();
  for (const segment of new Set(line.positions.flatMap((position) => position.readings.flat()))) {
    const box = scaleBox(segment.box, extraction.scale);
    const overlaps = boxes.map((digit) => iou(box, digit));
    const digit = overlaps.indexOf(Math.max(...overlaps));
    const cut = segment.seams !== undefined;
    if (overlaps[digit] < (cut ? CUT_IOU : WHOLE_IOU)) continue;
    const key = `${digit}${cut ? '-cut' : ''}`;
    const known = best.get(key);
    if (known === undefined || overlaps[digit] > known.overlap)
      best.set(key, { segment, overlap: overlaps[digit] });
  }
  return [...best.entries()].map(([key, { segment }]) => ({
    label: text[Number.parseInt(key, 10)],
    pixels: onWhiteSquare(cropInk(extraction.ink, segment.box, extraction.components.labels, segment.labels)),
    cut: segment.seams !== undefined,
  }));
}

function scaleBox(box: PixelBox, scale: number): PixelBox {
  return { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
}

function iou(a: PixelBox, b: PixelBox): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (width <= 0 || height <= 0) return 0;
  const inter = width * height;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** The ink plane, shrunk (aspect kept) to fit `INK_SIDE`, centred on a white `LINE_PIECE_SIDE` square. */
function onWhiteSquare(crop: FloatPlane): Uint8Array {
  const size = fitLongerSide(crop.width, crop.height, Math.min(INK_SIDE, Math.max(crop.width, crop.height)));
  const fitted = areaResize(crop, size.width, size.height);
  const out = new Uint8Array(LINE_PIECE_SIDE * LINE_PIECE_SIDE).fill(255);
  const left = Math.floor((LINE_PIECE_SIDE - fitted.width) / 2);
  const top = Math.floor((LINE_PIECE_SIDE - fitted.height) / 2);
  for (let y = 0; y < fitted.height; y++) {
    for (let x = 0; x < fitted.width; x++) {
      const ink = Math.min(1, Math.max(0, fitted.data[y * fitted.width + x]));
      out[(top + y) * LINE_PIECE_SIDE + left + x] = 255 - Math.round(ink * 255);
    }
  }
  return out;
}
