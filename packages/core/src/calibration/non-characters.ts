import type { RawImage } from '../image/raw-image';
import { drawStrokes, type Stroke } from '../preprocess/draw-strokes';

/** Ink that is no character: what a writer leaves by a tap, a stray line or scratching out. */
export type NonCharacterKind = 'dot' | 'line' | 'scribble';
export const NON_CHARACTER_KINDS: readonly NonCharacterKind[] = ['dot', 'line', 'scribble'];

/**
 * Lines stay within this angle of horizontal: a steeper stroke may be a 1, l, I or a slanted 7 stem,
 * which are characters for models whose labels include them.
 */
export const MAX_LINE_ANGLE_DEGREES = 45;

type Point = [number, number];

/**
 * Draws one non-character of `kind` on a canvas like the web app's (dark ink on white, a round pen),
 * with size, place and pen width drawn from `random` (e.g. `mulberry32(seed)`): same seed, same ink.
 */
export function drawNonCharacter(kind: NonCharacterKind, random: () => number): RawImage {
  const width = Math.round(200 + random() * 200);
  const height = random() < 0.7 ? width : Math.round(200 + random() * 200);
  const side = Math.min(width, height);
  const pen = Math.max(2, side * (0.02 + random() * 0.08));
  const strokes =
    kind === 'dot'
      ? dot(random, width, height, pen)
      : kind === 'line'
        ? line(random, width, height, pen)
        : scribble(random, width, height, pen);
  return drawStrokes(strokes, { width, height });
}

/** A tap or a dab: one point or a few within about a pen width. */
function dot(random: () => number, width: number, height: number, pen: number): Stroke[] {
  const dab = pen * (0.5 + random() * 2);
  const [cx, cy] = placeIn(random, width, height, dab + pen);
  const count = 1 + Math.floor(random() * 4);
  const points = Array.from({ length: count }, (): Point => [
    cx + (random() - 0.5) * dab,
    cy + (random() - 0.5) * dab,
  ]);
  return [{ points, width: dab }];
}

/** A straight or slightly bent stroke, up to `MAX_LINE_ANGLE_DEGREES` off horizontal. */
function line(random: () => number, width: number, height: number, pen: number): Stroke[] {
  const side = Math.min(width, height);
  const length = side * (0.25 + random() * 0.65);
  const angle = ((random() * 2 - 1) * MAX_LINE_ANGLE_DEGREES * Math.PI) / 180;
  const [cx, cy] = placeIn(random, width, height, length / 2 + pen);
  const dx = (Math.cos(angle) * length) / 2;
  const dy = (Math.sin(angle) * length) / 2;
  const bend = (random() - 0.5) * 0.15 * length;
  const steps = 12;
  const points = Array.from({ length: steps + 1 }, (_, i): Point => {
    const t = i / steps;
    const sag = bend * 4 * t * (1 - t);
    return [cx - dx + 2 * dx * t - Math.sin(angle) * sag, cy - dy + 2 * dy * t + Math.cos(angle) * sag];
  });
  return [{ points, width: pen }];
}

/** Scratching out: a tangle through random points, back-and-forth hatching, or piled-up loops. */
function scribble(random: () => number, width: number, height: number, pen: number): Stroke[] {
  const side = Math.min(width, height);
  const boxWidth = side * (0.3 + random() * 0.55);
  const boxHeight = boxWidth * (0.5 + random() * 0.9);
  const [cx, cy] = placeIn(random, width, height, Math.max(boxWidth, boxHeight) / 2 + pen);
  const style = random();
  let points: Point[];
  if (style < 0.4) {
    points = Array.from({ length: 10 + Math.floor(random() * 16) }, (): Point => [
      cx + (random() - 0.5) * boxWidth,
      cy + (random() - 0.5) * boxHeight,
    ]);
    points = smooth(points);
  } else if (style < 0.7) {
    const passes = 5 + Math.floor(random() * 8);
    const tilt = (random() - 0.5) * 0.6;
    points = Array.from({ length: passes + 1 }, (_, i): Point => {
      const y = cy - boxHeight / 2 + (boxHeight * i) / passes;
      const x = cx + (i % 2 === 0 ? -1 : 1) * (boxWidth / 2) * (0.7 + random() * 0.3);
      return [x, y + tilt * (x - cx)];
    });
  } else {
    // Scratching out goes round and round, each turn a different size and place: a messy pile, not
    // the clean ring of a 0 or o.
    const turns = 3 + Math.floor(random() * 4);
    const perTurn = 24;
    const radii = Array.from({ length: turns + 1 }, () => 0.35 + random() * 0.65);
    const shifts = Array.from({ length: turns + 1 }, (): Point => [
      (random() - 0.5) * boxWidth * 0.5,
      (random() - 0.5) * boxHeight * 0.5,
    ]);
    points = Array.from({ length: turns * perTurn + 1 }, (_, i): Point => {
      const turn = Math.min(turns - 1, Math.floor(i / perTurn));
      const t = (i - turn * perTurn) / perTurn;
      const blend = (a: number, b: number) => a + (b - a) * t;
      const radius = blend(radii[turn], radii[turn + 1]);
      const angle = 2 * Math.PI * (i / perTurn);
      return [
        cx + blend(shifts[turn][0], shifts[turn + 1][0]) + (boxWidth / 2) * radius * Math.cos(angle),
        cy + blend(shifts[turn][1], shifts[turn + 1][1]) + (boxHeight / 2) * radius * Math.sin(angle),
      ];
    });
  }
  return [{ points, width: pen * (0.5 + random() * 0.7) }];
}

/** One round of corner cutting, so a tangle bends like a hand-drawn stroke rather than zigzags. */
function smooth(points: readonly Point[]): Point[] {
  const out: Point[] = [points[0]];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    out.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]]);
    out.push([0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]]);
  }
  out.push(points[points.length - 1]);
  return out;
}

/** A centre keeping `margin` pixels (capped to what fits) from every edge. */
function placeIn(random: () => number, width: number, height: number, margin: number): Point {
  const mx = Math.min(margin, width / 2);
  const my = Math.min(margin, height / 2);
  return [mx + random() * (width - 2 * mx), my + random() * (height - 2 * my)];
}
