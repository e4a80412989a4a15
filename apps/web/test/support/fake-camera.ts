/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// A fake camera for Chromium: `--use-file-for-fake-video-capture` plays a Y4M file (a text header
// then raw YUV 4:2:0 frames) as the device camera. The scene is a handwritten character on paper.
import { writeFile } from 'node:fs/promises';

/** A gray picture, one byte per pixel, row by row. */
export interface GrayFrame {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/**
 * A 28×28 MNIST-style character (bright ink on black) as a camera would see it on paper: inverted
 * to dark ink on a slightly gray page, enlarged `scale` times with bilinear interpolation (no
 * blocky pixels) and placed at the centre of a `width`×`height` frame.
 */
export function characterOnPaper(
  character: Uint8Array,
  options: { width: number; height: number; scale: number; paper: number },
): GrayFrame {
  const { width, height, scale, paper } = options;
  const side = 28;
  const pixels = new Uint8Array(width * height).fill(paper);
  const enlarged = side * scale;
  const left = (width - enlarged) >> 1;
  const top = (height - enlarged) >> 1;
  const at = (x: number, y: number) =>
    character[Math.min(side - 1, Math.max(0, y)) * side + Math.min(side - 1, Math.max(0, x))];
  for (let y = 0; y < enlarged; y += 1) {
    const sy = (y + 0.5) / scale - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < enlarged; x += 1) {
      const sx = (x + 0.5) / scale - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const ink =
        (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
        (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
      pixels[(top + y) * width + left + x] = Math.round(paper * (1 - ink / 255));
    }
  }
  return { width, height, pixels };
}

/**
 * Writes `frame` as a one-frame Y4M video (Chromium loops it). Gray means luma = the picture and
 * both chroma planes at 128; luma is scaled to video range (16–235) as cameras deliver it.
 */
export async function writeY4m(file: string, frame: GrayFrame): Promise<void> {
  const { width, height, pixels } = frame;
  if (width % 2 !== 0 || height % 2 !== 0) {
    throw new Error(`A 4:2:0 frame needs even sides; got ${width}×${height}.`);
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  const luma = Buffer.from(pixels.map((value) => Math.round(16 + (value * 219) / 255)));
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  await writeFile(file, Buffer.concat([header, luma, chroma]));
}
