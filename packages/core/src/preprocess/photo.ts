import { GlyphError } from '../errors/glyph-error';
import type { RawImage } from '../image/raw-image';
import { areaResize } from './area-resize';
import type { CharacterSubject } from './character-subject';
import type { InputShape } from './ink-recipes';
import { flattenAlphaOntoWhite, toLuminance } from './luminance';
import type { FloatPlane, PixelBox } from './planes';

export interface PhotoNormalization {
  /** Per-channel mean subtracted after scaling to [0,1]; 0 when absent. */
  readonly mean?: readonly number[];
  /** Per-channel divisor applied after the mean; 1 when absent. */
  readonly std?: readonly number[];
  /** `dark`: the model knows light objects on black, so a picture with a light border is inverted. */
  readonly background?: 'dark';
  /** `stretch`: the whole picture resized to the input; absent: the centred crop of its aspect. */
  readonly resize?: 'stretch';
}

/** A border brighter than this (mean over its samples, 0..1) is a light background. */
const LIGHT_BORDER = 0.5;

/** The largest centred box of `image` with the aspect ratio of the model input. */
export function centreCropBox(width: number, height: number, input: InputShape): PixelBox {
  const cropWidth = Math.min(width, Math.max(1, Math.round((height * input.width) / input.height)));
  const cropHeight = Math.min(height, Math.max(1, Math.round((width * input.height) / input.width)));
  return { x: (width - cropWidth) >> 1, y: (height - cropHeight) >> 1, width: cropWidth, height: cropHeight };
}

function photoBox(image: RawImage, input: InputShape, normalization: PhotoNormalization): PixelBox {
  if (normalization.resize === 'stretch') return { x: 0, y: 0, width: image.width, height: image.height };
  return centreCropBox(image.width, image.height, input);
}

/**
 * The `photo` recipe: centre-crop (or, with `resize: 'stretch'`, take the whole picture) to the input's aspect ratio, area-resize to the input size, RGB (or
 * luminance for one channel) in [0,1], then (x - mean) / std per channel, interleaved HWC. With a
 * `subject` (the character step), its box is cut instead — stretched to the input, as the printed
 * letter folders stretch each glyph to its frame — and every sample evened out by its lighting gain.
 */
export function photoInput(
  image: RawImage,
  input: InputShape,
  normalization: PhotoNormalization,
  subject?: CharacterSubject,
): Float32Array {
  const planes = subject
    ? subjectPlanes(image, input.channels, subject)
    : channelPlanes(image, input.channels, photoBox(image, input, normalization));
  const out = new Float32Array(input.width * input.height * input.channels);
  const resizedPlanes = planes.map((plane) => areaResize(plane, input.width, input.height));
  if (normalization.background === 'dark' && borderMean(resizedPlanes) > LIGHT_BORDER) {
    for (const plane of resizedPlanes)
      for (let i = 0; i < plane.data.length; i++) plane.data[i] = 1 - plane.data[i];
  }
  resizedPlanes.forEach((resized, channel) => {
    const mean = normalization.mean?.[channel] ?? 0;
    const std = normalization.std?.[channel] ?? 1;
    assertUsableStd(std, channel);
    for (let i = 0; i < resized.data.length; i++) {
      out[i * input.channels + channel] = (resized.data[i] - mean) / std;
    }
  });
  return out;
}

/**
 * Mean of the outermost ring of samples over all planes, as the model sees them (after the resize):
 * Fashion-MNIST's objects sit on black with a dark ring, a product shot on white has a light one.
 */
function borderMean(planes: readonly FloatPlane[]): number {
  let sum = 0;
  let count = 0;
  for (const { data, width, height } of planes) {
    for (let y = 0; y < height; y++) {
      const edgeRow = y === 0 || y === height - 1;
      for (let x = 0; x < width; x++) {
        if (!edgeRow && x !== 0 && x !== width - 1) continue;
        sum += data[y * width + x];
        count++;
      }
    }
  }
  return count === 0 ? 0 : sum / count;
}

function channelPlanes(image: RawImage, channels: 1 | 3, box: PixelBox): FloatPlane[] {
  const source = sourceSamples(image, channels);
  const planes: FloatPlane[] = [];
  for (let channel = 0; channel < channels; channel++) {
    const data = new Float32Array(box.width * box.height);
    const from = source.channels === 1 ? 0 : channel;
    for (let y = 0; y < box.height; y++) {
      let sourceIndex = ((box.y + y) * image.width + box.x) * source.channels + from;
      for (let x = 0; x < box.width; x++, sourceIndex += source.channels) {
        data[y * box.width + x] = source.data[sourceIndex] / 255;
      }
    }
    planes.push({ data, width: box.width, height: box.height });
  }
  return planes;
}

/**
 * The subject's box as planes, each sample times its lighting gain and capped at 1 (paper); samples
 * past the image's edge are paper.
 */
function subjectPlanes(image: RawImage, channels: 1 | 3, subject: CharacterSubject): FloatPlane[] {
  const source = sourceSamples(image, channels);
  const { box, gain } = subject;
  const planes: FloatPlane[] = [];
  for (let channel = 0; channel < channels; channel++) {
    const data = new Float32Array(box.width * box.height).fill(1);
    const from = source.channels === 1 ? 0 : channel;
    for (let y = Math.max(0, -box.y); y < Math.min(box.height, image.height - box.y); y++) {
      const imageY = box.y + y;
      for (let x = Math.max(0, -box.x); x < Math.min(box.width, image.width - box.x); x++) {
        const imageX = box.x + x;
        const sample = source.data[(imageY * image.width + imageX) * source.channels + from] / 255;
        data[y * box.width + x] = Math.min(1, sample * gain(imageX, imageY));
      }
    }
    planes.push({ data, width: box.width, height: box.height });
  }
  return planes;
}

/** Gray for a one-channel model; otherwise RGB (a gray image stays one sample per pixel). */
function sourceSamples(image: RawImage, channels: 1 | 3): { data: ArrayLike<number>; channels: number } {
  if (channels === 1) return { data: toLuminance(image).data, channels: 1 };
  const flat = flattenAlphaOntoWhite(image);
  return { data: flat.data, channels: flat.channels };
}

function assertUsableStd(std: number, channel: number): void {
  if (std === 0 || !Number.isFinite(std)) {
    throw new GlyphError(
      'MODEL_INVALID',
      `Model metadata gives std ${String(std)} for channel ${channel}; it must be a finite non-zero number. Fix preprocessing.std in metadata.json.`,
    );
  }
}
