import { labelComponents, type ComponentLabels } from './label-components';
import type { FloatPlane, GrayImage } from './planes';
import { erode, morphStep } from './stroke-width';

/**
 * Erosion by `radius` that never erases a separate piece of the writing. The radius is measured on
 * the whole character, so a piece finer than its strokes (the dot of an i squashed by a stretched
 * frame, a thin detached bar) would vanish; such a piece is eroded only as far as leaves it about
 * `keepWidth` thick. Pieces with `radius` + `keepWidth`/2 steps of erosion to spare (a dot drawn
 * with the same pen as the stem) are eroded exactly as `erode` would, and so is a one-piece character.
 */
export function erodeSparingPieces(plane: FloatPlane, radius: number, keepWidth: number): FloatPlane {
  if (radius <= 0) return erode(plane, radius);
  const pieces = labelComponents(inkMask(plane), 1);
  if (pieces.components.length < 2) return erode(plane, radius);
  const spare = Math.round(keepWidth / 2);
  const depths = survivalDepths(plane, pieces, radius + spare);
  const pieceRadius = depths.map((depth) => Math.min(radius, Math.max(0, depth - spare)));
  if (pieceRadius.every((value, label) => label === 0 || value === radius)) return erode(plane, radius);
  return erodeByPixel(plane, pixelRadii(pieces, pieceRadius, radius), radius);
}

/** Ink as `strokeWidth` counts it: samples at or above one half. */
function inkMask(plane: FloatPlane): GrayImage {
  const mask = new Uint8Array(plane.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = plane.data[i] >= 0.5 ? 1 : 0;
  return { data: mask, width: plane.width, height: plane.height };
}

/** Per label, how many erosion steps (up to `maxSteps`) leave the piece with some ink. */
function survivalDepths(plane: FloatPlane, pieces: ComponentLabels, maxSteps: number): Int32Array {
  const { labels } = pieces;
  const depths = new Int32Array(pieces.components.length + 1);
  let current = plane.data;
  for (let step = 0; step < maxSteps; step++) {
    current = morphStep(current, plane.width, plane.height, step, false);
    let anyAlive = false;
    for (let i = 0; i < current.length; i++) {
      if (labels[i] === 0 || current[i] < 0.5) continue;
      depths[labels[i]] = step + 1;
      anyAlive = true;
    }
    if (!anyAlive) break;
  }
  return depths;
}

/**
 * The erosion radius of each pixel: its piece's, or for the faint edge around pieces, the smallest
 * radius among the pieces it touches (so a spared piece keeps its soft edge); `radius` elsewhere.
 */
function pixelRadii(pieces: ComponentLabels, pieceRadius: Int32Array, radius: number): Int32Array {
  const { labels, width, height } = pieces;
  const radii = new Int32Array(labels.length).fill(radius);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (labels[i] !== 0) {
        radii[i] = pieceRadius[labels[i]];
        continue;
      }
      for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
        for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
          const label = labels[ny * width + nx];
          if (label !== 0 && pieceRadius[label] < radii[i]) radii[i] = pieceRadius[label];
        }
      }
    }
  }
  return radii;
}

/** Each pixel eroded by its own radius from `radii` (all at most `radius`). */
function erodeByPixel(plane: FloatPlane, radii: Int32Array, radius: number): FloatPlane {
  const out = new Float32Array(plane.data.length);
  let current = plane.data;
  for (let step = 0; step <= radius; step++) {
    if (step > 0) current = morphStep(current, plane.width, plane.height, step - 1, false);
    for (let i = 0; i < out.length; i++) if (radii[i] === step) out[i] = current[i];
  }
  return { data: out, width: plane.width, height: plane.height };
}
