import { GlyphError } from '@glyph/core';

/** IDX element types (third magic byte); Glyph reads unsigned bytes only, which MNIST/EMNIST use. */
const idxTypeNames: Readonly<Record<number, string>> = {
  0x08: 'uint8',
  0x09: 'int8',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

export interface IdxArray {
  /** e.g. `[60000, 28, 28]` for images, `[60000]` for labels. */
  readonly dimensions: readonly number[];
  /** The uint8 payload (a view into the decompressed bytes, no copy). */
  readonly data: Uint8Array;
}

/**
 * Parses an uncompressed IDX file: magic `00 00 <type> <ndims>`, `ndims` big-endian uint32 sizes,
 * then exactly prod(sizes) bytes. `file` only names the file in errors.
 */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const corrupt = (what: string) =>
    new GlyphError('DATASET_CORRUPT', `${file}: ${what}. Re-download the file (glyph data download).`, {
      details: { file },
    });
  if (bytes.length < 4) throw corrupt(`truncated: ${bytes.length} bytes, shorter than the 4-byte IDX magic`);
  const [zero0, zero1, type, ndims] = bytes;
  if (zero0 !== 0 || zero1 !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw corrupt(`bad magic number ${magic}; an IDX file starts with 00 00 <type> <dimensions>`);
  }
  if (type !== 0x08) {
    const typeName = idxTypeNames[type] ?? 'unknown';
    throw corrupt(
      `element type 0x${type.toString(16)} (${typeName}) is not supported; expected 0x08 (uint8)`,
    );
  }
  if (ndims === 0) throw corrupt('bad magic number: zero dimensions');
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw corrupt(`truncated header: ${bytes.length} bytes, need ${headerBytes} for ${ndims} dimensions`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dimensions = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const payloadBytes = dimensions.reduce((product, size) => product * size, 1);
  const actual = bytes.length - headerBytes;
  if (actual < payloadBytes) {
    throw corrupt(
      `truncated: header declares ${dimensions.join('×')} = ${payloadBytes} bytes of data but only ${actual} follow`,
    );
  }
  if (actual > payloadBytes) {
    throw corrupt(
      `${actual - payloadBytes} unexpected trailing bytes after ${dimensions.join('×')} = ${payloadBytes} bytes of data`,
    );
  }
  return { dimensions, data: bytes.subarray(headerBytes) };
}
