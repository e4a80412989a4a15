// Four hand-drawn symbols (✓ ✗ △ ○) for the Teach view's few-shot check: strokes in a unit box
// (x right, y down) with seeded wobble, then placed on a drawing surface at a seeded size, position
// and slant. The same data drives Node (rasterised with core's drawStrokes) and Chromium (drawn
// with the mouse), so both see the same shapes.
import { mulberry32 } from '@glyph/core/data';
import { place, type Glyph, type Placement, type Point } from './strokes';

export const symbolLabels = ['check', 'cross', 'triangle', 'circle'] as const;
export type SymbolLabel = (typeof symbolLabels)[number];

/** One drawing: its class and its strokes in the surface's CSS pixels. */
export interface SymbolDrawing {
  readonly label: SymbolLabel;
  readonly strokes: Glyph;
}

export interface SurfaceSize {
  readonly width: number;
  readonly height: number;
}

/** The pen width the web app draws with by default (CSS px). */
export const symbolPenWidthPx = 18;

/** The seeded generator core uses (Mulberry32): the same drawings in Node and in Chromium. */
export const seededRandom = (seed: number): (() => number) => mulberry32(seed);

export const between = (random: () => number, low: number, high: number): number =>
  low + random() * (high - low);

/** A polyline through `corners`, with points every ~1/20 of the box (mouse-move density). */
export function polyline(corners: readonly (readonly [number, number])[]): Point[] {
  const points: Point[] = [{ x: corners[0][0], y: corners[0][1] }];
  for (let c = 1; c < corners.length; c++) {
    const [x0, y0] = corners[c - 1];
    const [x1, y1] = corners[c];
    const steps = Math.max(2, Math.round(Math.hypot(x1 - x0, y1 - y0) * 20));
    for (let i = 1; i <= steps; i++)
      points.push({ x: x0 + ((x1 - x0) * i) / steps, y: y0 + ((y1 - y0) * i) / steps });
  }
  return points;
}

/** Small smooth wobble along a stroke, as a hand adds: two low-frequency sines of seeded phase. */
function wobble(stroke: readonly Point[], random: () => number, amount: number): Point[] {
  const phaseX = random() * 2 * Math.PI;
  const phaseY = random() * 2 * Math.PI;
  const cycles = between(random, 0.5, 1.5);
  return stroke.map((p, i) => {
    const t = (i / Math.max(1, stroke.length - 1)) * 2 * Math.PI * cycles;
    return { x: p.x + amount * Math.sin(t + phaseX), y: p.y + amount * Math.sin(t + phaseY) };
  });
}

/** Moves every corner by up to `amount` either way. */
function jitter(
  corners: readonly (readonly [number, number])[],
  random: () => number,
  amount: number,
): [number, number][] {
  return corners.map(([x, y]) => [
    x + between(random, -amount, amount),
    y + between(random, -amount, amount),
  ]);
}

function check(random: () => number): Glyph {
  // A short left arm down to the valley, a long right arm up; sometimes the valley is rounded.
  const valley: [number, number] = [between(random, 0.3, 0.45), between(random, 0.8, 0.95)];
  const start: [number, number] = [between(random, 0.05, 0.15), between(random, 0.45, 0.65)];
  const end: [number, number] = [between(random, 0.85, 0.98), between(random, 0.02, 0.2)];
  const rounded = random() < 0.4;
  const corners: [number, number][] = rounded
    ? [start, [valley[0] - 0.04, valley[1] - 0.02], [valley[0] + 0.04, valley[1] - 0.02], end]
    : [start, valley, end];
  return [wobble(polyline(jitter(corners, random, 0.03)), random, 0.012)];
}

function cross(random: () => number): Glyph {
  // Two diagonals, drawn in either order and direction, crossing near the middle.
  const a = jitter(
    [
      [0.1, 0.1],
      [0.9, 0.9],
    ],
    random,
    0.08,
  );
  const b = jitter(
    [
      [0.9, 0.1],
      [0.1, 0.9],
    ],
    random,
    0.08,
  );
  const strokes = [a, b].map((corners) => (random() < 0.3 ? [...corners].reverse() : corners));
  if (random() < 0.5) strokes.reverse();
  return strokes.map((corners) => wobble(polyline(corners), random, 0.012));
}

function triangle(random: () => number): Glyph {
  const apex: [number, number] = [between(random, 0.42, 0.58), between(random, 0.03, 0.12)];
  const right: [number, number] = [between(random, 0.88, 0.98), between(random, 0.85, 0.95)];
  const left: [number, number] = [between(random, 0.02, 0.12), between(random, 0.85, 0.95)];
  const corners = jitter([apex, right, left], random, 0.03);
  // One closed stroke (the end overshooting or stopping short of the start), or three lines.
  if (random() < 0.7) {
    const close: [number, number] = [
      corners[0][0] + between(random, -0.05, 0.05),
      corners[0][1] + between(random, -0.03, 0.05),
    ];
    return [wobble(polyline([...corners, close]), random, 0.01)];
  }
  return [
    [corners[0], corners[1]],
    [corners[1], corners[2]],
    [corners[2], corners[0]],
  ].map((side) => wobble(polyline(side), random, 0.01));
}

function circle(random: () => number): Glyph {
  // An ellipse started anywhere, either way round, closing with a small gap or overlap.
  const rx = between(random, 0.38, 0.48);
  const ry = between(random, 0.38, 0.48);
  const startDeg = between(random, 0, 360);
  const sweep = between(random, 340, 380) * (random() < 0.5 ? 1 : -1);
  const steps = 48;
  const stroke = Array.from({ length: steps + 1 }, (_, i) => {
    const angle = ((startDeg + (sweep * i) / steps) * Math.PI) / 180;
    return { x: 0.5 + rx * Math.cos(angle), y: 0.5 + ry * Math.sin(angle) };
  });
  return [wobble(stroke, random, 0.015)];
}

const builders: Record<SymbolLabel, (random: () => number) => Glyph> = { check, cross, triangle, circle };

/** One symbol in the unit box, shaped by `random`. */
export function symbolGlyph(label: SymbolLabel, random: () => number): Glyph {
  return builders[label](random);
}

/** A seeded size (a fifth to three quarters of the shorter side), position and slant on `surface`. */
export function symbolPlacement(random: () => number, surface: SurfaceSize): Placement {
  const shorter = Math.min(surface.width, surface.height);
  const size = shorter * between(random, 0.22, 0.72);
  return {
    x: between(random, 0.08 * size, surface.width - 1.08 * size),
    y: between(random, 0.04 * size, surface.height - 1.04 * size),
    size,
    slant: between(random, -0.15, 0.15),
  };
}

/**
 * `perClass` drawings of every symbol, class by class, reproducible from `seed`. Different seeds give
 * different strokes, sizes and positions: the Teach check trains on seed 1 and tests on seed 2.
 */
export function symbolDrawings(seed: number, perClass: number, surface: SurfaceSize): SymbolDrawing[] {
  const random = seededRandom(seed);
  return symbolLabels.flatMap((label) =>
    Array.from({ length: perClass }, () => ({
      label,
      strokes: place(symbolGlyph(label, random), symbolPlacement(random, surface)),
    })),
  );
}
