import sharp from 'sharp';

export interface DecodeTarget {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

/**
 * Any PNG/JPEG/WebP/GIF (first frame) → `width×height×channels` uint8, row-major. Transparency is
 * flattened onto white (ink drawn on a transparent canvas reads as dark-on-light, like paper), and
 * the image is stretched to the target size as Keras `flow_from_directory` does. Throws on bytes
 * that do not decode.
 */
export async function decodeImageBytes(bytes: Uint8Array, target: DecodeTarget): Promise<Uint8Array> {
  let pipeline = sharp(bytes).flatten({ background: '#ffffff' });
  pipeline = pipeline.resize(target.width, target.height, { fit: 'fill' });
  pipeline = target.channels === 1 ? pipeline.grayscale() : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== target.channels || info.width !== target.width || info.height !== target.height) {
    throw new Error(
      `decoded to ${info.width}×${info.height}×${info.channels}, expected ${target.width}×${target.height}×${target.channels}`,
    );
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** A sampled pixel whose channels differ by more than this is colour (JPEG noise stays below). */
const colourTolerance = 12;

/**
 * Size from the header, and whether the image really is in colour: an RGB file whose pixels are all
 * gray (common for scans and exported drawings) counts as grayscale. Undefined when it does not decode.
 */
export async function probeImageFile(
  path: string,
): Promise<{ width: number; height: number; color: boolean } | undefined> {
  try {
    const meta = await sharp(path).metadata();
    if (!meta.width || !meta.height) return undefined;
    const colorChannels = (meta.channels ?? 1) - (meta.hasAlpha ? 1 : 0);
    if (colorChannels < 3) return { width: meta.width, height: meta.height, color: false };
    const thumbnail = await sharp(path)
      .flatten({ background: '#ffffff' })
      .resize(16, 16, { fit: 'fill' })
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    let color = false;
    for (let i = 0; i + 2 < thumbnail.length && !color; i += 3) {
      const [r, g, b] = [thumbnail[i], thumbnail[i + 1], thumbnail[i + 2]];
      color = Math.max(Math.abs(r - g), Math.abs(g - b), Math.abs(r - b)) > colourTolerance;
    }
    return { width: meta.width, height: meta.height, color };
  } catch {
    return undefined;
  }
}
