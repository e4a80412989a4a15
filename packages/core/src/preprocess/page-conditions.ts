import type { RawImage } from '../image/raw-image';
import { toLuminance } from './luminance';

/**
 * Pictures of a character as a camera or a scanner meets it, made from a tight crop: on a sheet of
 * paper with margins, and under a soft shadow or uneven light. Tests and benches use them to check
 * that the `character` subject step brings such pictures back to a tight crop.
 */

export interface PageMargins {
  /** Paper beside the character on the left and right, as a share of its width. */
  readonly left: number;
  readonly right: number;
  /** Paper above and below, as a share of its height. */
  readonly top: number;
  readonly bottom: number;
  /** Paper luminance 0–255; 255 when absent. */
  readonly paper?: number;
}

/** The tight crop's luminance placed on paper with the given margins, as RGB. */
export function placeOnPage(image: RawImage, margins: PageMargins): RawImage {
  const gray = toLuminance(image);
  const left = Math.round(gray.width * margins.left);
  const top = Math.round(gray.height * margins.top);
  const width = left + gray.width + Math.round(gray.width * margins.right);
  const height = top + gray.height + Math.round(gray.height * margins.bottom);
  const paper = margins.paper ?? 255;
  const data = new Uint8Array(width * height * 3).fill(paper);
  for (let y = 0; y < gray.height; y++) {
    for (let x = 0; x < gray.width; x++) {
      // The crop's own white is the paper's white: ink scales with the paper.
      const value = Math.round((gray.data[y * gray.width + x] * paper) / 255);
      const at = ((top + y) * width + left + x) * 3;
      data[at] = value;
      data[at + 1] = value;
      data[at + 2] = value;
    }
  }
  return { data, width, height, channels: 3 };
}

export interface ShadowOptions {
  /** Direction of the shadow's edge across the picture, radians (0: a vertical edge). */
  readonly angle: number;
  /** Where the edge crosses the picture's centre line, as a share of its diagonal from the centre (−0.5–0.5). */
  readonly offset: number;
  /** Share of the light the shadow takes away at its darkest (0–1). */
  readonly depth: number;
  /** Width of the soft edge as a share of the picture's longer side. */
  readonly softness: number;
  /** Extra fall-off of the light from one side to the other (0: even apart from the shadow). */
  readonly gradient?: number;
}

/** The picture darkened by a soft-edged shadow and an optional light gradient, multiplicatively. */
export function castShadow(image: RawImage, options: ShadowOptions): RawImage {
  const { width, height, channels } = image;
  const side = Math.max(width, height);
  const diagonal = Math.hypot(width, height);
  const normalX = Math.cos(options.angle);
  const normalY = Math.sin(options.angle);
  const data = new Uint8Array(image.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const along = (x - width / 2) * normalX + (y - height / 2) * normalY - options.offset * diagonal;
      const t = Math.min(1, Math.max(0, along / (options.softness * side) + 0.5));
      const shade = 1 - options.depth * t * t * (3 - 2 * t);
      const light = shade * (1 - (options.gradient ?? 0) * (x / width));
      for (let c = 0; c < channels; c++) {
        const at = (y * width + x) * channels + c;
        data[at] = c === 3 ? image.data[at] : Math.round(image.data[at] * light);
      }
    }
  }
  return { data, width, height, channels };
}
