import { crc32, deflateSync } from 'node:zlib';

/**
 * A decompression-amplifying PNG: `size`×`size` RGBA, every row Paeth-filtered (the costliest
 * filter to undo) over all-zero data, so 64 MB of pixels (at 4096²) deflate to about 64 KB. A valid
 * image: it decodes to transparent black.
 */
export function amplifyingPng(size = 4096): Buffer {
  const stride = size * 4 + 1;
  const filtered = Buffer.alloc(stride * size);
  for (let row = 0; row < size; row++) filtered[row * stride] = 4; // Paeth
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filters, not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
