// Turns strokes into the image that is recognised: black ink on white at a fixed resolution,
// whatever the screen's pixel ratio, so every device sees the same pixels, in this tab or on the server.
import type { RecognitionInput } from '../recognition/recognition-types';
import type { Stroke } from './ink-document';
import { drawStrokes } from './render-ink';

export interface SurfaceSize {
  readonly width: number;
  readonly height: number;
}

export function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The drawing could not be encoded as PNG.'))),
      'image/png',
    ),
  );
}

/**
 * The recognised image's longer side, in pixels. Preprocessing shrinks characters to 20 px anyway;
 * 280 keeps ten times that for sequences of small characters and makes a prediction several times
 * cheaper than a full-resolution drawing.
 */
export const recognitionSidePx = 280;

/** Size of the recognised image for a surface, and its scale from CSS pixels. */
export function rasterSize(size: SurfaceSize): SurfaceSize & { readonly scale: number } {
  const scale = Math.min(1, recognitionSidePx / Math.max(size.width, size.height, 1));
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
    scale,
  };
}

export function rasterizeInk(strokes: readonly Stroke[], size: SurfaceSize): RecognitionInput {
  const raster = rasterSize(size);
  const canvas = document.createElement('canvas');
  canvas.width = raster.width;
  canvas.height = raster.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(raster.scale, raster.scale);
  drawStrokes(ctx, strokes, '#000000');
  const imageData = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { imageData, toBlob: () => canvasToPngBlob(canvas) };
}

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'));
    reader.readAsDataURL(blob);
  });
}
