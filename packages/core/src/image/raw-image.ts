/**
 * The plain pixel type every piece of shared image code takes: interleaved 8-bit samples, row-major,
 * `channels` samples per pixel (1 gray, 3 RGB, 4 RGBA). Adapters turn PNG/JPEG/canvas into this.
 *
 * @public
 */
export interface RawImage {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
}
