import { simplifyPolyline, smoothPolyline } from './simplify-polyline';
import type { Polyline } from './trace-polylines';

/** How a traced character is redrawn: one random hand. */
export interface Hand {
  /** Horizontal shear of the writing (x += slant·(y − centre)). */
  readonly slant: number;
  /** Width and height factors: a narrow tall or a wide flat hand. */
  readonly scaleX: number;
  readonly scaleY: number;
  readonly rotation: number;
  /** Amplitude in pixels of a smooth random displacement (elastic distortion). */
  readonly wobble: number;
  /** Douglas–Peucker tolerance in pixels: large values give straight-segment ("boxy") strokes. */
  readonly straighten: number;
}

/** A uniform draw in [low, high). */
export const between = (random: () => number, low: number, high: number) => low + random() * (high - low);

/** Draws a hand: most are mild, some narrow, slanted, boxy or wobbly, so the model meets every kind. */
export function randomHand(random: () => number): Hand {
  const squeeze = random();
  return {
    slant: between(random, -0.45, 0.45),
    scaleX: squeeze < 0.25 ? between(random, 0.35, 0.75) : squeeze < 0.35 ? between(random, 1.1, 1.4) : 1,
    scaleY: 1,
    rotation: between(random, -0.17, 0.17),
    wobble: random() < 0.6 ? between(random, 0, 1.6) : 0,
    straighten: random() < 0.35 ? between(random, 0.9, 2.4) : 0,
  };
}

/**
 * Redraws traced centre lines in `hand`: smooth or straighten each line, then shear, squeeze, rotate
 * about the character's centre and bend everything through one smooth random displacement field.
 */
export function restyleLines(lines: readonly Polyline[], hand: Hand, random: () => number): Polyline[] {
  const points = lines.flat();
  const centreX = points.reduce((sum, p) => sum + p.x, 0) / Math.max(1, points.length);
  const centreY = points.reduce((sum, p) => sum + p.y, 0) / Math.max(1, points.length);
  const field = displacementField(hand.wobble, random);
  const cos = Math.cos(hand.rotation);
  const sin = Math.sin(hand.rotation);
  return lines.map((line) => {
    const shaped = hand.straighten > 0 ? simplifyPolyline(line, hand.straighten) : smoothPolyline(line);
    return shaped.map((p) => {
      const dx = p.x - centreX;
      const dy = p.y - centreY;
      const x = (dx + hand.slant * dy) * hand.scaleX;
      const y = dy * hand.scaleY;
      const [bendX, bendY] = field(p.x, p.y);
      return { x: x * cos - y * sin + bendX, y: x * sin + y * cos + bendY };
    });
  });
}

/** A smooth displacement: a sum of three low-frequency waves per axis, `amplitude` pixels at most. */
function displacementField(
  amplitude: number,
  random: () => number,
): (x: number, y: number) => [number, number] {
  if (amplitude === 0) return () => [0, 0];
  const waves = Array.from({ length: 6 }, () => ({
    fx: between(random, -1, 1) * ((2 * Math.PI) / 14),
    fy: between(random, -1, 1) * ((2 * Math.PI) / 14),
    phase: random() * 2 * Math.PI,
  }));
  const scale = amplitude / 3;
  return (x, y) => {
    let dx = 0;
    let dy = 0;
    for (let k = 0; k < 3; k++) dx += Math.sin(waves[k].fx * x + waves[k].fy * y + waves[k].phase);
    for (let k = 3; k < 6; k++) dy += Math.sin(waves[k].fx * x + waves[k].fy * y + waves[k].phase);
    return [dx * scale, dy * scale];
  };
}
