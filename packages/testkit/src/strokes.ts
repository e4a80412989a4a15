// Handwriting for scripted pointer input: digits as strokes in a unit box (x right, y down, the
// glyph about 0.6 wide and 0.9 tall), in a few styles, placed anywhere at any size and slant.

export interface Point {
  readonly x: number;
  readonly y: number;
}
export type Glyph = readonly (readonly Point[])[];

/** Points on an ellipse from `fromDeg` to `toDeg` (0° = right, 90° = down, as on screen). */
function arc(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  fromDeg: number,
  toDeg: number,
  steps = 16,
): Point[] {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const angle = ((fromDeg + ((toDeg - fromDeg) * i) / steps) * Math.PI) / 180;
    return { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
  });
}

function line(...corners: readonly [number, number][]): Point[] {
  const points: Point[] = [];
  for (let c = 1; c < corners.length; c += 1) {
    const [x0, y0] = corners[c - 1];
    const [x1, y1] = corners[c];
    const steps = Math.max(2, Math.round(Math.hypot(x1 - x0, y1 - y0) * 8));
    for (let i = c === 1 ? 0 : 1; i <= steps; i += 1)
      points.push({ x: x0 + ((x1 - x0) * i) / steps, y: y0 + ((y1 - y0) * i) / steps });
  }
  return points;
}

function figureEight(): Point[] {
  return Array.from({ length: 33 }, (_, i) => {
    const t = (i / 32) * 2 * Math.PI;
    return { x: 0.5 - 0.55 * Math.sin(t) * Math.cos(t), y: 0.5 - 0.44 * Math.sin(t) };
  });
}

/** Two ways to write each digit. */
export const digitGlyphs: Record<string, readonly Glyph[]> = {
  '0': [[arc(0.5, 0.5, 0.28, 0.44, -90, 270)], [arc(0.5, 0.5, 0.24, 0.42, -120, 250)]],
  '1': [[line([0.5, 0.06], [0.5, 0.95])], [line([0.4, 0.17], [0.54, 0.05], [0.54, 0.95])]],
  '2': [
    [[...arc(0.5, 0.3, 0.27, 0.24, 200, 390), ...line([0.73, 0.42], [0.2, 0.94], [0.82, 0.94])]],
    [[...arc(0.48, 0.3, 0.26, 0.26, 190, 400), ...line([0.7, 0.45], [0.22, 0.93], [0.8, 0.9])]],
  ],
  '3': [
    [[...arc(0.5, 0.28, 0.26, 0.22, 200, 450), ...arc(0.5, 0.72, 0.3, 0.22, 270, 520)]],
    [[...line([0.22, 0.06], [0.75, 0.06], [0.45, 0.42]), ...arc(0.48, 0.69, 0.28, 0.26, 280, 510)]],
  ],
  '4': [
    [line([0.58, 0.05], [0.18, 0.66], [0.86, 0.66]), line([0.64, 0.3], [0.64, 0.95])],
    [line([0.3, 0.06], [0.24, 0.55], [0.78, 0.55]), line([0.7, 0.06], [0.7, 0.95])],
  ],
  '5': [
    [[...line([0.76, 0.06], [0.3, 0.06], [0.28, 0.45]), ...arc(0.5, 0.68, 0.29, 0.26, 235, 505)]],
    [line([0.3, 0.08], [0.28, 0.45]), arc(0.5, 0.68, 0.29, 0.26, 235, 505), line([0.3, 0.08], [0.76, 0.08])],
  ],
  '6': [
    [[...arc(0.76, 0.62, 0.46, 0.57, 250, 180), ...arc(0.52, 0.7, 0.22, 0.24, 180, -175)]],
    [[...line([0.66, 0.05], [0.3, 0.6]), ...arc(0.5, 0.72, 0.22, 0.22, 210, -145)]],
  ],
  '7': [
    [line([0.18, 0.07], [0.82, 0.07], [0.4, 0.95])],
    [line([0.2, 0.1], [0.8, 0.07], [0.45, 0.95]), line([0.38, 0.52], [0.74, 0.52])],
  ],
  '8': [[figureEight()], [arc(0.5, 0.28, 0.2, 0.22, -90, 270), arc(0.5, 0.72, 0.26, 0.23, -90, 270)]],
  '9': [
    [[...arc(0.46, 0.3, 0.22, 0.23, 0, -360), ...line([0.68, 0.3], [0.64, 0.95])]],
    [[...arc(0.48, 0.3, 0.22, 0.22, 10, -350), ...arc(0.1, 0.3, 0.6, 0.66, 0, 60)]],
  ],
};

export interface Placement {
  /** Top-left of the glyph's unit box, in CSS px of the drawing surface. */
  readonly x: number;
  readonly y: number;
  /** Side of the unit box in CSS px. */
  readonly size: number;
  /** Forward lean: x shifts by `slant`×(distance above the middle). */
  readonly slant?: number;
}

export function place(glyph: Glyph, { x, y, size, slant = 0 }: Placement): Glyph {
  return glyph.map((stroke) =>
    stroke.map((p) => ({ x: x + (p.x + slant * (0.5 - p.y)) * size, y: y + p.y * size })),
  );
}
