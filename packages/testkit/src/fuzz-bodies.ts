import { mulberry32 } from '@glyph/core/data';
import sharp from 'sharp';

export interface FuzzBody {
  readonly kind: string;
  readonly bytes: Buffer;
}

/** A drawing encoded in each supported format: the seeds the mutations start from. */
export async function seedImages(): Promise<Record<string, Buffer>> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="100%" height="100%" fill="white"/><path d="M 30 20 L 60 50 L 30 80" stroke="black" stroke-width="9" fill="none"/></svg>`;
  const base = sharp(Buffer.from(svg));
  return {
    png: await base.clone().png().toBuffer(),
    jpeg: await base.clone().jpeg({ quality: 80 }).toBuffer(),
    webp: await base.clone().webp({ quality: 80 }).toBuffer(),
    gif: await base.clone().gif().toBuffer(),
  };
}

type Mutation = (bytes: Buffer, random: () => number) => Buffer;

const mutations: Record<string, Mutation> = {
  truncate: (bytes, random) => bytes.subarray(0, Math.floor(random() * bytes.length)),
  flipBytes: (bytes, random) => {
    const copy = Buffer.from(bytes);
    const flips = 1 + Math.floor(random() * 16);
    for (let i = 0; i < flips; i += 1)
      copy[Math.floor(random() * copy.length)] ^= 1 + Math.floor(random() * 255);
    return copy;
  },
  insertNoise: (bytes, random) => {
    const at = Math.floor(random() * bytes.length);
    return Buffer.concat([
      bytes.subarray(0, at),
      randomBytes(1 + Math.floor(random() * 64), random),
      bytes.subarray(at),
    ]);
  },
  hugeDimensions: (bytes) => {
    // PNG IHDR width/height, GIF logical screen, or any 8 bytes after the magic: claim 65535+ pixels a side.
    const copy = Buffer.from(bytes);
    for (let i = 6; i < Math.min(24, copy.length); i += 1) copy[i] = 0xff;
    return copy;
  },
  keepHeaderOnly: (bytes) => bytes.subarray(0, Math.min(bytes.length, 40)),
  duplicateTail: (bytes, random) =>
    Buffer.concat([bytes, bytes.subarray(Math.floor(random() * bytes.length))]),
};

function randomBytes(length: number, random: () => number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

/**
 * `count` hostile bodies: each supported format mutated (truncated, bytes flipped, noise inserted,
 * absurd dimensions, header only, garbage tail), plus pure random bytes and random bytes behind a
 * valid magic number. Deterministic for a seed.
 */
export async function fuzzBodies(count: number, seed = 1): Promise<FuzzBody[]> {
  const random = mulberry32(seed);
  const seeds = Object.entries(await seedImages());
  const mutationNames = Object.keys(mutations);
  const bodies: FuzzBody[] = [];
  for (let index = 0; index < count; index += 1) {
    const pick = index % (seeds.length + 2);
    if (pick === seeds.length) {
      bodies.push({ kind: 'random', bytes: randomBytes(Math.floor(random() * 4096), random) });
    } else if (pick === seeds.length + 1) {
      const [format, image] = seeds[Math.floor(random() * seeds.length)];
      const magic = image.subarray(0, 12);
      bodies.push({
        kind: `${format}/magic+random`,
        bytes: Buffer.concat([magic, randomBytes(Math.floor(random() * 2048), random)]),
      });
    } else {
      const [format, image] = seeds[pick];
      const name = mutationNames[Math.floor(random() * mutationNames.length)];
      bodies.push({ kind: `${format}/${name}`, bytes: mutations[name](image, random) });
    }
  }
  return bodies;
}
