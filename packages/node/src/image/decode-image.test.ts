import { isGlyphError, type ErrorCode } from '@glyph/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, readImageSize } from './decode-image';
import { encodePng } from './encode-png';
import { sniffMediaType } from './sniff-media-type';

/** A 3×2 RGB image whose every pixel differs, so orientation and channel order are visible. */
const pixels = Uint8Array.from(
  [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [10, 20, 30],
    [40, 50, 60],
    [70, 80, 90],
  ].flat(),
);
const raw = { width: 3, height: 2, channels: 3 as const };

async function encoded(format: 'png' | 'jpeg' | 'webp' | 'gif'): Promise<Uint8Array> {
  const source = sharp(pixels, { raw });
  const pipeline =
    format === 'png'
      ? source.png()
      : format === 'jpeg'
        ? source.jpeg({ quality: 100 })
        : format === 'webp'
          ? source.webp({ lossless: true })
          : source.gif();
  return new Uint8Array(await pipeline.toBuffer());
}

/** 16×8: left half black, right half white. */
function halves(): sharp.Sharp {
  const data = Uint8Array.from({ length: 16 * 8 * 3 }, (_, i) => (Math.floor(i / 3) % 16 < 8 ? 0 : 255));
  return sharp(data, { raw: { width: 16, height: 8, channels: 3 } });
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isGlyphError(error) ? error.code : error).toBe(code);
}

describe('decodeImage', () => {
  it('decodes PNG, lossless WebP and GIF to the exact pixels', async () => {
    for (const format of ['png', 'webp'] as const) {
      const image = await decodeImage(await encoded(format));
      expect({ ...image, data: [...image.data] }).toEqual({ ...raw, data: [...pixels] });
    }
    const gif = await decodeImage(await encoded('gif'));
    expect([gif.width, gif.height]).toEqual([3, 2]);
  });

  it('decodes JPEG within compression error', async () => {
    const image = await decodeImage(await halves().jpeg({ quality: 95 }).toBuffer());
    expect([image.width, image.height, image.channels]).toEqual([16, 8, 3]);
    expect(image.data[0]).toBeLessThan(20);
    expect(image.data[(16 - 1) * 3]).toBeGreaterThan(235);
  });

  it('applies the EXIF orientation so the image is upright', async () => {
    // Orientation 6: stored sideways, displayed turned 90° clockwise, so the dark left half is on top.
    const jpeg = await halves().jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const image = await decodeImage(new Uint8Array(jpeg));
    expect([image.width, image.height]).toEqual([8, 16]);
    expect(image.data[0]).toBeLessThan(20);
    expect(image.data[(16 - 1) * 8 * 3]).toBeGreaterThan(235);
  });

  it('keeps transparency as a fourth channel and gray as one channel', async () => {
    const rgba = await sharp(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 255]), {
      raw: { width: 2, height: 1, channels: 4 },
    })
      .png()
      .toBuffer();
    const withAlpha = await decodeImage(new Uint8Array(rgba));
    expect(withAlpha.channels).toBe(4);
    expect([...withAlpha.data]).toEqual([0, 0, 0, 0, 0, 0, 0, 255]);
    const gray = await sharp(Uint8Array.from([0, 128, 255]), { raw: { width: 3, height: 1, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    const decoded = await decodeImage(new Uint8Array(gray));
    expect(decoded.channels).toBe(1);
    expect([...decoded.data]).toEqual([0, 128, 255]);
  });

  it('names the failure of bad bytes with a stable code', async () => {
    const png = await encoded('png');
    await expectCode(decodeImage(new Uint8Array(0)), 'UNSUPPORTED_MEDIA_TYPE');
    await expectCode(
      decodeImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const noise = Uint8Array.from({ length: 64 * 64 * 3 }, (_, i) => (i * 7919) % 251);
    const big = new Uint8Array(
      await sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
        .png()
        .toBuffer(),
    );
    await expectCode(decodeImage(big.slice(0, big.length >> 1)), 'IMAGE_UNDECODABLE');
    const jpeg = new Uint8Array(
      await sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
        .jpeg()
        .toBuffer(),
    );
    await expectCode(decodeImage(jpeg.slice(0, jpeg.length >> 1)), 'IMAGE_UNDECODABLE');
    await expectCode(decodeImage(png.slice(0, 30)), 'IMAGE_UNDECODABLE');
    const garbled = png.slice();
    garbled.fill(7, 40);
    await expectCode(decodeImage(garbled), 'IMAGE_UNDECODABLE');
  });

  it('reports a zero-size header as IMAGE_EMPTY', async () => {
    const png = await encoded('png');
    const zeroWide = png.slice();
    zeroWide.set([0, 0, 0, 0], 16);
    await expectCode(decodeImage(zeroWide), 'IMAGE_EMPTY');
  });

  it('refuses more pixels than the budget before decoding', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await expectCode(decodeImage(new Uint8Array(png), { maxPixels: 399 }), 'IMAGE_TOO_LARGE');
    expect((await decodeImage(new Uint8Array(png), { maxPixels: 400 })).width).toBe(20);
  });
});

describe('encodePng', () => {
  it('round-trips through decodeImage byte for byte', async () => {
    const rgba = {
      data: Uint8Array.from({ length: 5 * 4 * 4 }, (_, i) => (i * 37) % 256),
      width: 5,
      height: 4,
      channels: 4 as const,
    };
    const png = await encodePng(rgba);
    expect(sniffMediaType(png)).toBe('image/png');
    const back = await decodeImage(png);
    expect([...back.data]).toEqual([...rgba.data]);
  });

  it('refuses an empty image', async () => {
    await expectCode(encodePng({ data: new Uint8Array(0), width: 0, height: 3, channels: 1 }), 'IMAGE_EMPTY');
  });
});

describe('readImageSize', () => {
  it('reads every format’s declared size without decoding, within the pixel limit', async () => {
    for (const format of ['png', 'jpeg', 'webp', 'gif'] as const) {
      const size = await readImageSize(await encoded(format));
      expect(size).toEqual({ type: sniffMediaType(await encoded(format)), width: 3, height: 2 });
    }
    const header = Uint8Array.from(await encoded('png'));
    new DataView(header.buffer).setUint32(16, 100_000); // IHDR width: 100,000 × 2 px
    await expect(readImageSize(header, { maxPixels: 100_000 })).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
    });
    await expect(readImageSize(Uint8Array.from([1, 2, 3]))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });
});
