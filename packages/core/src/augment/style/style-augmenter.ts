import type { InputShape } from '../../preprocess/ink-recipes';
import type { FloatPlane } from '../../preprocess/planes';
import { layoutCharacter } from '../../preprocess/preprocess';
import type { Augmenter } from '../augmenter';
import { characterAugmenter } from '../character-augmenter';
import { coarseScan } from './coarse-scan';
import { renderPolylines } from './render-polylines';
import { between, randomHand, restyleLines } from './restyle-lines';
import { addEuropeanVariant } from './style-variants';
import { thinStrokes } from './thin-strokes';
import { tracePolylines, type Polyline } from './trace-polylines';

export interface StyleAugmentOptions {
  /** The model's ink recipe: a redrawn character is laid out exactly as `preprocess` lays out input. */
  readonly kind: 'ink-mnist' | 'ink-emnist';
  readonly input: InputShape;
  /** Share of images redrawn in another hand; the rest get `characterAugmenter`. Default 0.5. */
  readonly probability?: number;
}

/** Redrawing happens at this many working pixels per input pixel. */
const WORK_SCALE = 4;
/** Share of redrawn characters that then go through a coarse, low-resolution scan. */
const COARSE_SCAN_SHARE = 0.3;
/** Input samples at or above this (of 255) are stroke when tracing centre lines. */
const TRACE_THRESHOLD = 90;

/**
 * Writer-style augmentation for ink models (images in model-input form, bright ink on black): half
 * the images are traced to centre lines and redrawn in a random hand — slant, narrow or wide,
 * elastic wobble, straight segments, a pen from hairline to bold, sometimes coarsely pixelated like a
 * low-resolution scan, and European 1s and 7s — then laid out by the model's own recipe, so they
 * look like what `preprocess` makes of such writing. The other half get `characterAugmenter`.
 */
export function styleAugmenter(options: StyleAugmentOptions): Augmenter {
  const probability = options.probability ?? 0.5;
  const fallback = characterAugmenter();
  return (source, target, shape, random, label) => {
    if (shape.channels !== 1 || random() >= probability)
      return fallback(source, target, shape, random, label);
    const lines = traceCharacter(source, shape.width, shape.height);
    if (lines.length === 0) return fallback(source, target, shape, random, label);
    const styled = restyleLines(addEuropeanVariant(lines, label, random), randomHand(random), random);
    const working = styled.map((line) => line.map((p) => ({ x: p.x * WORK_SCALE, y: p.y * WORK_SCALE })));
    let plane = renderPolylines(working, between(random, 0.6, 3.6) * WORK_SCALE);
    if (random() < COARSE_SCAN_SHARE) plane = coarseScan(plane, random);
    target.set(layoutCharacter(cropToInk(plane), options.kind, options.input));
  };
}

/** Centre lines of the strokes of a model-input image. */
export function traceCharacter(source: Uint8Array, width: number, height: number): Polyline[] {
  const binary = new Uint8Array(width * height);
  for (let i = 0; i < binary.length; i++) binary[i] = source[i] >= TRACE_THRESHOLD ? 1 : 0;
  return tracePolylines(thinStrokes(binary, width, height), width, height);
}

/** The plane cut to the box of its ink (samples above 1/64), as `preprocess` crops before layout. */
function cropToInk(plane: FloatPlane): FloatPlane {
  const { data, width, height } = plane;
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] <= 1 / 64) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return plane;
  const boxWidth = right - left + 1;
  const boxHeight = bottom - top + 1;
  const out = new Float32Array(boxWidth * boxHeight);
  for (let y = 0; y < boxHeight; y++)
    out.set(data.subarray((top + y) * width + left, (top + y) * width + right + 1), y * boxWidth);
  return { data: out, width: boxWidth, height: boxHeight };
}
