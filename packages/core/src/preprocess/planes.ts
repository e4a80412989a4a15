/**
 * Single-channel images used between preprocessing steps. `GrayImage` holds 8-bit samples (luminance,
 * ink strength); `FloatPlane` holds intensities in [0,1] once resampling has begun. Row-major.
 */
export interface GrayImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface FloatPlane {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** An axis-aligned pixel rectangle; `x`,`y` is the top-left pixel, sizes are in pixels. */
export interface PixelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function createFloatPlane(width: number, height: number): FloatPlane {
  return { data: new Float32Array(width * height), width, height };
}
