import { areaResize, fitLongerSide } from './area-resize';
import { gaussianBlurSigmaOne } from './gaussian-blur';
import { erodeSparingPieces } from './erode-sparing-pieces';
import { dilate, strokeWidth } from './stroke-width';
import { normalizePeak, placeByCentreOfMass, placeCentred } from './place';
import type { FloatPlane } from './planes';

/** Model input size and channel count (from model metadata). */
export interface InputShape {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

/** Strokes are weighed at four times MNIST's 20-pixel box, where a pen width is several pixels. */
const STROKE_SCALE = 4;
/** MNIST stroke widths in its 20-pixel box: 10th to 90th percentile (2·area/boundary, ink ≥ ½). */
const MNIST_STROKE_RANGE = [2.2, 4.0] as const;

/**
 * MNIST's recipe on a cropped character: strokes brought within MNIST's range of pen widths (a fat
 * marker thinned, a hairline thickened), longer side to 20/28 of the field keeping the aspect ratio
 * (area averaging), full-ink peak, centre of mass at the field's centre.
 */
export function mnistLayout(character: FloatPlane, input: InputShape): FloatPlane {
  const boxSide = Math.max(1, Math.round((Math.min(input.width, input.height) * 20) / 28));
  const working = normalizeStrokeWidth(character, 20 * STROKE_SCALE);
  const size = fitLongerSide(working.width, working.height, boxSide);
  const scaled = normalizePeak(areaResize(working, size.width, size.height));
  return placeByCentreOfMass(scaled, input.width, input.height);
}

/**
 * Resamples the character so its longer side is `side` pixels and moves its stroke width into
 * MNIST's range (scaled to `side`), by erosion or dilation of whole pixels. Erosion never erases a
 * separate piece finer than the strokes it was measured on (see `erodeSparingPieces`).
 */
export function normalizeStrokeWidth(character: FloatPlane, side: number): FloatPlane {
  const fit = fitLongerSide(character.width, character.height, side);
  const working = areaResize(character, fit.width, fit.height);
  const scale = side / 20;
  const width = strokeWidth(working);
  const [thinnest, thickest] = [MNIST_STROKE_RANGE[0] * scale, MNIST_STROKE_RANGE[1] * scale];
  // Aim inside the range rather than at its edge, where the typical MNIST digit lies.
  const aim = (thinnest + thickest) / 2;
  if (width > thickest) return erodeSparingPieces(working, Math.round((width - aim) / 2), aim);
  if (width > 0 && width < thinnest) return dilate(working, Math.round((aim - width) / 2));
  return working;
}

/** EMNIST blurred NIST's 128×128 scans; the character's longer side is brought to this size first. */
const EMNIST_WORKING_SIDE = 128;
const BLUR_MARGIN = 3;

/**
 * EMNIST's recipe on a cropped character: at NIST's scan resolution, Gaussian blur σ = 1; centred in a
 * square frame keeping the aspect ratio with 2 pixels of padding at the 28-pixel scale (the character
 * spans 24 of 28); area-downsampled into the field.
 */
export function emnistLayout(character: FloatPlane, input: InputShape): FloatPlane {
  const working = fitLongerSide(character.width, character.height, EMNIST_WORKING_SIDE);
  const blurred = gaussianBlurSigmaOne(
    padPlane(areaResize(character, working.width, working.height), BLUR_MARGIN),
  );
  const field = Math.min(input.width, input.height);
  const padding = Math.max(1, Math.round((field * 2) / 28));
  // Size the character itself to the box; the blur halo around it shrinks along.
  const scale = (field - 2 * padding) / Math.max(working.width, working.height);
  const width = Math.max(1, Math.min(input.width, Math.round(blurred.width * scale)));
  const height = Math.max(1, Math.min(input.height, Math.round(blurred.height * scale)));
  const scaled = normalizePeak(areaResize(blurred, width, height));
  return placeCentred(scaled, input.width, input.height);
}

/** Surrounds the plane with `margin` pixels of 0. */
export function padPlane(plane: FloatPlane, margin: number): FloatPlane {
  const width = plane.width + 2 * margin;
  const height = plane.height + 2 * margin;
  const out = new Float32Array(width * height);
  for (let y = 0; y < plane.height; y++) {
    out.set(plane.data.subarray(y * plane.width, (y + 1) * plane.width), (y + margin) * width + margin);
  }
  return { data: out, width, height };
}

/** Writes the plane as model input: one channel, or the same value in each of three channels. */
export function toModelInput(plane: FloatPlane, channels: 1 | 3): Float32Array {
  if (channels === 1) return plane.data;
  const out = new Float32Array(plane.data.length * 3);
  for (let i = 0, o = 0; i < plane.data.length; i++, o += 3) {
    out[o] = plane.data[i];
    out[o + 1] = plane.data[i];
    out[o + 2] = plane.data[i];
  }
  return out;
}
