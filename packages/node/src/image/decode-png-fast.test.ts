import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image';
import { decodePngFast } from './decode-png-fast';

const width = 37;
const height = 23;

/** Gradients, flat runs and noise, so the encoder's adaptive filtering uses every row filter. */
function pixels(channels: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * channels);
  let state = seed;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        state = (state * 1103515245 + 12345) >>> 0;
        const band = Math.floor(y / 6) % 4;
        const value = [x * 7 + c * 40, 200, (state >>> 16) & 255, (x + y) * 5][band];
        data[(y * width + x) * channels + c] = value & 255;
      }
    }
  }
  return data;
}

async function png(channels: 1 | 2 | 3 | 4, options: sharp.PngOptions = {}): Promise<Buffer> {
  const image = sharp(pixels(channels, channels), { raw: { width, height, channels } });
  return (channels <= 2 ? image.toColourspace('b-w') : image)
    .png({ adaptiveFiltering: true, ...options })
    .toBuffer();
}

/** The row filter types used by a PNG (one byte in front of each row of its inflated data). */
function filterTypes(bytes: Buffer, stride: number): Set<number> {
  const parts: Buffer[] = [];
  for (let offset = 8; offset < bytes.length; offset += 12 + bytes.readUInt32BE(offset)) {
    if (bytes.toString('ascii', offset + 4, offset + 8) === 'IDAT') {
      parts.push(bytes.subarray(offset + 8, offset + 8 + bytes.readUInt32BE(offset)));
    }
  }
  const filtered = inflateSync(Buffer.concat(parts));
  return new Set(Array.from({ length: height }, (_, y) => filtered[y * (stride + 1)]));
}

describe('decodePngFast', () => {
  it('decodes 8-bit gray, gray+alpha, RGB and RGBA exactly as sharp does, through every row filter', async () => {
    const used = new Set<number>();
    for (const channels of [1, 2, 3, 4] as const) {
      const bytes = await png(channels);
      expect(bytes[25]).toBe({ 1: 0, 2: 4, 3: 2, 4: 6 }[channels]); // the PNG colour type
      filterTypes(bytes, width * channels).forEach((type) => used.add(type));
      const fast = decodePngFast(bytes);
      expect(fast).toBeDefined();
      const alpha = channels === 2 || channels === 4;
      const reference = await sharp(bytes)
        .toColourspace(channels <= 2 && !alpha ? 'b-w' : 'srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect(fast!.channels).toBe(reference.info.channels);
      expect([fast!.width, fast!.height]).toEqual([width, height]);
      expect(Buffer.from(fast!.data).equals(reference.data)).toBe(true);
    }
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('decodes tiny and large canvases too (output under one zlib chunk, and over several)', async () => {
    for (const [side, channels] of [
      [2, 1],
      [300, 4],
    ] as const) {
      const raw = Buffer.alloc(side * side * channels, 255);
      for (let i = 0; i < raw.length; i += 7) raw[i] = i % 251;
      const bytes = await sharp(raw, { raw: { width: side, height: side, channels } })
        .toColourspace(channels === 1 ? 'b-w' : 'srgb')
        .png()
        .toBuffer();
      const fast = decodePngFast(bytes);
      expect(fast && Buffer.from(fast.data).equals(raw)).toBe(true);
    }
  });

  it('leaves every other PNG to sharp: 16-bit, palette, interlaced, with a colour profile', async () => {
    const sixteenBit = await sharp(pixels(3, 1), { raw: { width, height, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const variants = [
      sixteenBit,
      await png(3, { palette: true }),
      await png(3, { progressive: true }),
      await sharp(await png(3))
        .withIccProfile('p3')
        .png()
        .toBuffer(),
    ];
    for (const bytes of variants) expect(decodePngFast(bytes)).toBeUndefined();
    // decodeImage still reads them, through sharp.
    for (const bytes of variants) expect((await decodeImage(bytes)).width).toBe(width);
  });

  it('gives up on cut-off or corrupted data, so sharp reports the error', async () => {
    const bytes = await png(4);
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const corrupted = Buffer.from(bytes);
    for (let i = 60; i < 90; i++) corrupted[i] ^= 0x5a;
    expect(decodePngFast(cut)).toBeUndefined();
    expect(decodePngFast(corrupted)).toBeUndefined();
    await expect(decodeImage(cut)).rejects.toMatchObject({ code: 'IMAGE_UNDECODABLE' });
  });
});
