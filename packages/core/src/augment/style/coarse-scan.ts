import { areaResize, fitLongerSide } from '../../preprocess/area-resize';
import type { FloatPlane } from '../../preprocess/planes';

/** Working pixels on the longer side of a blown-up coarse scan. */
const BLOWN_UP = 64;

/**
 * A coarse, low-resolution scan of a character, as forms scanned at 8×8 or 16×16 cells hold it: 6–16
 * cells on its longer side, each the share of ink it covers (or, half the time, binarized), blown up
 * again either blockwise (nearest cell) or smoothly (bilinear between cell centres) — the two ways a
 * viewer enlarges such a scan.
 */
export function coarseScan(plane: FloatPlane, random: () => number): FloatPlane {
  const cells = fitLongerSide(plane.width, plane.height, 6 + Math.floor(random() * 11));
  // A stroke one cell wide is no longer a character at all once blown up (a 1 becomes a bar).
  if (Math.min(cells.width, cells.height) < 3) return plane;
  const coarse = areaResize(plane, cells.width, cells.height);
  if (random() < 0.5)
    for (let i = 0; i < coarse.data.length; i++) coarse.data[i] = coarse.data[i] >= 0.4 ? 1 : 0;
  const factor = Math.ceil(BLOWN_UP / Math.max(cells.width, cells.height));
  return random() < 0.5 ? blockwise(coarse, factor) : bilinear(coarse, factor);
}

/** Each cell becomes a `factor`×`factor` block of its value. */
export function blockwise(coarse: FloatPlane, factor: number): FloatPlane {
  const width = coarse.width * factor;
  const height = coarse.height * factor;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * coarse.width;
    for (let x = 0; x < width; x++) data[y * width + x] = coarse.data[row + Math.floor(x / factor)];
  }
  return { data, width, height };
}

/** Bilinear interpolation between cell centres (edges clamp), `factor` times larger. */
export function bilinear(coarse: FloatPlane, factor: number): FloatPlane {
  const width = coarse.width * factor;
  const height = coarse.height * factor;
  const data = new Float32Array(width * height);
  const at = (x: number, y: number) => coarse.data[y * coarse.width + x];
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) / factor - 0.5, 0), coarse.height - 1);
    const y0 = Math.floor(sy);
    const y1 = Math.min(y0 + 1, coarse.height - 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(Math.max((x + 0.5) / factor - 0.5, 0), coarse.width - 1);
      const x0 = Math.floor(sx);
      const x1 = Math.min(x0 + 1, coarse.width - 1);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
      const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
      data[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { data, width, height };
}
