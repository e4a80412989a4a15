// The image files people actually have — print CMYK JPEGs, 16-bit PNGs from scanners, animated
// GIF/WebP, palette PNGs — decode to the 8-bit RawImage every model reads, with the right colours.
import type { RawImage } from '@glyph/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image';

const width = 4;
const height = 3;

type Rgb = readonly [number, number, number];

/** A solid `width×height` image of one colour, optionally with alpha (0..1). */
function solid([r, g, b]: Rgb, alpha?: number): sharp.Sharp {
  return sharp({
    create: {
      width,
      height,
      channels: alpha === undefined ? 3 : 4,
      background: { r, g, b, ...(alpha !== undefined && { alpha }) },
    },
  });
}

async function decode(bytes: Buffer): Promise<RawImage> {
  return decodeImage(new Uint8Array(bytes));
}

/** The samples of pixel `p`. */
const pixel = (image: RawImage, p: number): number[] =>
  Array.from(image.data.subarray(p * image.channels, (p + 1) * image.channels));

/** Every pixel's samples, so a single wrong pixel fails the comparison. */
const allPixels = (image: RawImage): number[][] =>
  Array.from({ length: image.width * image.height }, (_, p) => pixel(image, p));

/** The IHDR bit depth and colour type of a PNG: proves the test image is what it claims to be. */
const pngHeader = (png: Buffer): { depth: number; colourType: number } => ({
  depth: png[24],
  colourType: png[25],
});

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) =>
    expect(Math.abs(value - expected[i]), `sample ${i}: ${value}`).toBeLessThanOrEqual(tolerance),
  );
}

describe('decodeImage on CMYK JPEGs', () => {
  it('converts CMYK to RGB: red stays red, an in-gamut colour keeps its value, white stays white', async () => {
    const cmyk = (rgb: Rgb) => solid(rgb).toColourspace('cmyk').jpeg({ quality: 100 }).toBuffer();
    const file = await cmyk([255, 0, 0]);
    expect((await sharp(file).metadata()).space).toBe('cmyk');
    const red = await decode(file);
    expect([red.width, red.height, red.channels]).toEqual([width, height, 3]);
    // sRGB red is outside a print gamut; through CMYK it comes back as the nearest printable red.
    for (const samples of allPixels(red)) expectClose(samples, [255, 0, 0], 30);
    const brick = await decode(await cmyk([200, 80, 60]));
    for (const samples of allPixels(brick)) expectClose(samples, [200, 80, 60], 15);
    const white = await decode(await cmyk([255, 255, 255]));
    for (const samples of allPixels(white)) expectClose(samples, [255, 255, 255], 2);
  });

  it('applies EXIF orientation to a CMYK JPEG too', async () => {
    // 4×2, left half red, right half white; orientation 6 shows it turned clockwise: red on top.
    const halves = Uint8Array.from({ length: 4 * 2 * 3 }, (_, i) =>
      i % 3 === 0 || Math.floor(i / 3) % 4 >= 2 ? 255 : 0,
    );
    const jpeg = await sharp(halves, { raw: { width: 4, height: 2, channels: 3 } })
      .toColourspace('cmyk')
      .jpeg({ quality: 100 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await decode(jpeg);
    expect([image.width, image.height, image.channels]).toEqual([2, 4, 3]);
    expectClose(pixel(image, 0), [255, 0, 0], 40);
    expectClose(pixel(image, 2 * 4 - 1), [255, 255, 255], 10);
  });
});

describe('decodeImage on 16-bit PNGs', () => {
  it('scales 16-bit RGB samples to 8 bits: 65535 → 255, 0x8080 → 128, 0 → 0', async () => {
    const samples = Uint16Array.from({ length: width * height * 3 }, (_, i) => [65535, 0x8080, 0][i % 3]);
    const png = await sharp(samples, { raw: { width, height, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect(pngHeader(png)).toEqual({ depth: 16, colourType: 2 });
    const image = await decode(png);
    expect(image.channels).toBe(3);
    expect(allPixels(image)).toEqual(Array.from({ length: width * height }, () => [255, 128, 0]));
  });

  it('keeps a 16-bit gray PNG as one 8-bit channel, pixel by pixel', async () => {
    const levels = [0, 0x8080, 65535, 0x1010];
    const samples = Uint16Array.from({ length: width * height }, (_, i) => levels[i % levels.length]);
    const png = await sharp(samples, { raw: { width, height, channels: 1 } })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    expect(pngHeader(png)).toEqual({ depth: 16, colourType: 0 });
    const image = await decode(png);
    expect(image.channels).toBe(1);
    expect([...image.data]).toEqual(
      Array.from({ length: width * height }, (_, i) => [0, 128, 255, 16][i % 4]),
    );
  });

  it('keeps the transparency of 16-bit RGBA and gray+alpha PNGs as an 8-bit fourth channel', async () => {
    const rgba = Uint16Array.from(
      { length: width * height * 4 },
      (_, i) => [65535, 0, 0x8080, 0x8080][i % 4],
    );
    const rgbaPng = await sharp(rgba, { raw: { width, height, channels: 4 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect(pngHeader(rgbaPng)).toEqual({ depth: 16, colourType: 6 });
    expect(allPixels(await decode(rgbaPng))).toEqual(
      Array.from({ length: width * height }, () => [255, 0, 128, 128]),
    );
    const grayAlpha = Uint16Array.from({ length: width * height * 2 }, (_, i) => [0x4040, 65535][i % 2]);
    const grayAlphaPng = await sharp(grayAlpha, { raw: { width, height, channels: 2 } })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    expect(pngHeader(grayAlphaPng)).toEqual({ depth: 16, colourType: 4 });
    expect(allPixels(await decode(grayAlphaPng))).toEqual(
      Array.from({ length: width * height }, () => [64, 64, 64, 255]),
    );
  });
});

describe('decodeImage on animated images', () => {
  const red: Rgb = [255, 0, 0];
  const blue: Rgb = [0, 0, 255];
  /** Three different frames (encoders merge identical ones), each `width×height`. */
  async function frames(first: Rgb, second: Rgb): Promise<Buffer[]> {
    return Promise.all([first, second, [0, 255, 0] as const].map((rgb) => solid(rgb).png().toBuffer()));
  }

  for (const format of ['gif', 'webp'] as const) {
    it(`decodes the first frame of an animated ${format.toUpperCase()} at the frame size, not the stacked strip`, async () => {
      for (const [first, second] of [
        [red, blue],
        [blue, red],
      ] as const) {
        const animation = sharp(await frames(first, second), { join: { animated: true } });
        const file = await (
          format === 'gif' ? animation.gif() : animation.webp({ lossless: true })
        ).toBuffer();
        expect((await sharp(file).metadata()).pages).toBe(3);
        const image = await decode(file);
        expect([image.width, image.height]).toEqual([width, height]);
        // GIF frames carry a transparency flag, so they decode as RGBA (opaque here).
        const expected = image.channels === 4 ? [...first, 255] : [...first];
        expect(allPixels(image)).toEqual(Array.from({ length: width * height }, () => expected));
      }
    });
  }
});

describe('decodeImage on palette and transparent PNGs', () => {
  it('expands a palette PNG (8-bit and 1-bit indices) to its RGB colours', async () => {
    const twoColours = Uint8Array.from({ length: width * height * 3 }, (_, i) =>
      Math.floor(i / 3) % 2 === 0 ? [30, 140, 220][i % 3] : [250, 250, 250][i % 3],
    );
    for (const colours of [256, 2]) {
      const png = await sharp(twoColours, { raw: { width, height, channels: 3 } })
        .png({ palette: true, colours, dither: 0 })
        .toBuffer();
      expect(pngHeader(png).colourType).toBe(3);
      const image = await decode(png);
      expect(image.channels).toBe(3);
      allPixels(image).forEach((samples, p) =>
        expectClose(samples, p % 2 === 0 ? [30, 140, 220] : [250, 250, 250], 4),
      );
    }
  });

  it('keeps partial transparency of RGBA and palette PNGs (tRNS) as the alpha channel', async () => {
    const rgba = await solid([0, 200, 0], 0.5).png().toBuffer();
    expect(pngHeader(rgba).colourType).toBe(6);
    const paletted = await solid([0, 200, 0], 0.5).png({ palette: true }).toBuffer();
    expect(pngHeader(paletted).colourType).toBe(3);
    for (const png of [rgba, paletted]) {
      const image = await decode(png);
      expect(image.channels).toBe(4);
      for (const samples of allPixels(image)) expectClose(samples, [0, 200, 0, 128], 1);
    }
  });
});
