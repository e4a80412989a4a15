import type { RawImage } from '../image/raw-image';
import { gaussianBlurSigmaOne } from './gaussian-blur';
import { histogram, histogramTotal, valueAtRankFromTop } from './histogram';
import { toLuminance } from './luminance';
import type { FloatPlane, GrayImage } from './planes';
import { reducedLuminance, reductionFactor } from './reduce-gray';
import { dilate, erode } from './stroke-width';

/**
 * The page's lighting, estimated at working resolution (the image reduced by `scale`): `paper` is
 * the brightest paper level (0–1 luminance) and `background` the paper's level under every working
 * pixel, so `luminance / background` is the picture as if evenly lit (paper 1, ink dark).
 */
export interface PageLighting {
  readonly gray: GrayImage;
  readonly scale: number;
  readonly paper: number;
  /**
   * The paper level in (0, 1], one sample per `backgroundScale`×`backgroundScale` working pixels;
   * undefined when the lighting is even.
   */
  readonly background?: FloatPlane;
  readonly backgroundScale: number;
}

/**
 * The background is the luminance with every dark feature narrower than this share of the picture's
 * shorter side removed (a morphological opening of the darkness). Strokes of a letter with ordinary
 * margins are a few percent of the picture; shadows and lighting gradients span a large part of it.
 */
export const BACKGROUND_RADIUS_SHARE = 0.1;

/**
 * A "background" darker than this share of the paper is not lighting but ink wider than the opening
 * (a bold letter cut tight to its frame is mostly ink): there the paper level is used instead.
 * Shadows on paper keep about half the light or more; deeper ones are read as ink.
 */
export const SHADE_FLOOR = 0.4;

/**
 * Lighting counts as even when the paper nowhere falls below this share of its brightest level:
 * then the picture is only scaled (paper to 1), never divided pixel by pixel, so clean scans and
 * rendered letters keep their exact shading.
 */
export const EVEN_LIGHTING = 0.9;

/**
 * Lighting is estimated on the working picture reduced further, to a shorter side of at least this:
 * shade is large-scale, and the opening's cost grows with the cube of the side.
 */
export const LIGHTING_SIDE = 64;

/** Share of the pixels at the top of the histogram that the paper level is read from. */
const PAPER_RANK_SHARE = 0.02;

/** Estimates the page's lighting (see `PageLighting`); dark ink on light paper. */
export function estimateLighting(image: RawImage): PageLighting {
  const scale = reductionFactor(image.width, image.height);
  const gray = scale === 1 ? toLuminance(image) : reducedLuminance(image, scale);
  const counts = histogram(gray);
  const paperValue = valueAtRankFromTop(
    counts,
    Math.max(1, Math.ceil(histogramTotal(counts) * PAPER_RANK_SHARE)),
  );
  const paper = Math.max(1, paperValue) / 255;
  const backgroundScale = Math.max(1, Math.floor(Math.min(gray.width, gray.height) / LIGHTING_SIDE));
  const coarse = backgroundScale === 1 ? gray : reducedLuminance({ ...gray, channels: 1 }, backgroundScale);
  const background = estimateBackground(coarse, paper);
  return { gray, scale, paper, backgroundScale, ...(background && { background }) };
}

/** The paper level per pixel of `gray`, or undefined when the lighting is even. */
function estimateBackground(gray: GrayImage, paper: number): FloatPlane | undefined {
  const radius = Math.max(2, Math.round(Math.min(gray.width, gray.height) * BACKGROUND_RADIUS_SHARE));
  const darkness = new Float32Array(gray.data.length);
  for (let i = 0; i < darkness.length; i++) darkness[i] = 1 - gray.data[i] / 255;
  // Opening of the darkness = closing of the brightness: narrow dark strokes vanish, shadows stay.
  // Outside the picture counts as no darkness, so the erosion reads the edge as paper.
  const opened = dilate(erode({ data: darkness, width: gray.width, height: gray.height }, radius), radius);
  const wideInk = wideInkNear(opened, paper, radius);
  const levels = new Float32Array(darkness.length);
  let lowest = paper;
  for (let i = 0; i < levels.length; i++) {
    if (wideInk[i] !== 0) continue;
    levels[i] = Math.min(1 - opened.data[i], paper);
    if (levels[i] < lowest) lowest = levels[i];
  }
  if (lowest >= EVEN_LIGHTING * paper) return undefined;
  fillFromNeighbours(levels, wideInk, gray.width, gray.height, paper);
  return smoothBackground(levels, gray.width, gray.height);
}

/**
 * 1 where the opened darkness is ink rather than shade (darker than `SHADE_FLOOR` of the paper) or
 * within `radius` of such ink: the soft edge of a wide stroke survives the opening too, and is no
 * evidence of uneven lighting.
 */
function wideInkNear(opened: FloatPlane, paper: number, radius: number): Float32Array {
  const mask = new Float32Array(opened.data.length);
  let any = false;
  for (let i = 0; i < mask.length; i++) {
    if (1 - opened.data[i] < SHADE_FLOOR * paper) {
      mask[i] = 1;
      any = true;
    }
  }
  return any ? dilate({ data: mask, width: opened.width, height: opened.height }, radius).data : mask;
}

/**
 * Fills the masked levels ring by ring with the mean of their already known 8 neighbours, so the
 * paper under wide ink takes the lighting around it (a shadow reaching under a bold letter stays a
 * shadow). All masked: the paper level. Clears `mask` as it goes.
 */
function fillFromNeighbours(
  levels: Float32Array,
  mask: Float32Array,
  width: number,
  height: number,
  paper: number,
): void {
  let pending = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) pending++;
  if (pending === levels.length) {
    levels.fill(paper);
    return;
  }
  const ring: number[] = [];
  while (pending > 0) {
    ring.length = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (mask[i] === 0) continue;
        let sum = 0;
        let count = 0;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = y + dy;
          if (ny < 0 || ny >= height) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            if (nx < 0 || nx >= width || mask[ny * width + nx] !== 0) continue;
            sum += levels[ny * width + nx];
            count++;
          }
        }
        if (count > 0) {
          levels[i] = sum / count;
          ring.push(i);
        }
      }
    }
    // The ring is known only once every pixel of it has been filled from the ring before.
    for (const i of ring) mask[i] = 0;
    pending -= ring.length;
  }
}

/**
 * A σ = 1 blur normalised by the blurred ones (the blur reads outside the plane as 0, which would
 * darken the edges), so the octagonal steps of the opening leave no seams when divided out.
 */
function smoothBackground(levels: Float32Array, width: number, height: number): FloatPlane {
  const blurred = gaussianBlurSigmaOne({ data: levels, width, height });
  const weights = gaussianBlurSigmaOne({ data: new Float32Array(levels.length).fill(1), width, height });
  const data = new Float32Array(levels.length);
  for (let i = 0; i < data.length; i++) data[i] = blurred.data[i] / weights.data[i];
  return { data, width, height };
}

/** The paper level under working pixel (`column`, `row`), clamped to the picture. */
function paperAt(lighting: PageLighting, column: number, row: number): number {
  const { background, backgroundScale, paper } = lighting;
  if (background === undefined) return paper;
  const x = Math.min(background.width - 1, Math.max(0, Math.floor(column / backgroundScale)));
  const y = Math.min(background.height - 1, Math.max(0, Math.floor(row / backgroundScale)));
  return background.data[y * background.width + x];
}

/**
 * The gain that evens out the lighting at image pixel (`x`, `y`): 1 / the paper level there.
 * Pixels outside the image take the nearest background sample's gain.
 */
export function lightingGain(lighting: PageLighting, x: number, y: number): number {
  return 1 / paperAt(lighting, Math.floor(x / lighting.scale), Math.floor(y / lighting.scale));
}

/** The working-resolution luminance as if evenly lit: 8-bit, paper 255. */
export function flattenedGray(lighting: PageLighting): GrayImage {
  const { gray } = lighting;
  const data = new Uint8Array(gray.data.length);
  for (let y = 0; y < gray.height; y++) {
    for (let x = 0; x < gray.width; x++) {
      const i = y * gray.width + x;
      data[i] = Math.min(255, Math.round(gray.data[i] / paperAt(lighting, x, y)));
    }
  }
  return { data, width: gray.width, height: gray.height };
}
