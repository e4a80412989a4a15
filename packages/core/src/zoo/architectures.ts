import type * as tf from '@tensorflow/tfjs';
import { GlyphError } from '../errors/glyph-error';
import type { BuildOptions } from './build-options';
import { buildGlyphnet } from './glyphnet';
import { buildSeedAlphabet } from './seed-alphabet';
import { buildSeedMnist } from './seed-mnist';
import { buildSeedThesis } from './seed-thesis';

export type ArchitectureName = 'glyphnet' | 'seed-alphabet' | 'seed-mnist' | 'seed-thesis';

export interface ArchitectureInfo {
  readonly name: ArchitectureName;
  readonly description: string;
  /** The input the architecture was designed for, `[height, width, channels]`. */
  readonly defaultInputShape: readonly [number, number, number];
  /** Smallest height/width the layer stack accepts (valid convolutions and pooling shrink the map). */
  readonly minInputSize: number;
}

interface Entry extends ArchitectureInfo {
  readonly build: (options: BuildOptions) => tf.LayersModel;
}

// A table of builders, not of models: nothing is built until `buildModel` is called.
const entries: readonly Entry[] = [
  {
    name: 'glyphnet',
    description: 'default: 3 blocks of conv3×3-BN-ReLU ×2 (32/64/128), global pooling, ~290 k params',
    defaultInputShape: [28, 28, 1],
    minInputSize: 4,
    build: buildGlyphnet,
  },
  {
    name: 'seed-alphabet',
    description: 'alphabet article: conv32 → pool → conv32 → pool → dense128 (32×32×3)',
    defaultInputShape: [32, 32, 3],
    minInputSize: 10,
    build: buildSeedAlphabet,
  },
  {
    name: 'seed-mnist',
    description: 'TF.js article: conv32 5×5 → pool → conv32 → pool → dropout → dense128',
    defaultInputShape: [28, 28, 1],
    minInputSize: 14,
    build: buildSeedMnist,
  },
  {
    name: 'seed-thesis',
    description: 'thesis: conv32 → conv32 → pool → dropout → dense512 → dropout',
    defaultInputShape: [28, 28, 1],
    minInputSize: 6,
    build: buildSeedThesis,
  },
];

/** Every architecture of the zoo with its designed input, in a stable order (default first). */
export function listArchitectures(): ArchitectureInfo[] {
  return entries.map(({ build: _build, ...info }) => info);
}

export function isArchitectureName(name: string): name is ArchitectureName {
  return entries.some((entry) => entry.name === name);
}

/**
 * Builds a fresh, uncompiled model whose output is a softmax over `numClasses` units. Throws
 * `BAD_USAGE` for an unknown name and `SHAPE_MISMATCH` for an input the layer stack cannot take.
 */
export function buildModel(name: ArchitectureName, options: BuildOptions): tf.LayersModel {
  const entry = entries.find((candidate) => candidate.name === name);
  if (!entry) {
    throw new GlyphError(
      'BAD_USAGE',
      `Unknown architecture "${String(name)}". Choose one of: ${entries.map((e) => e.name).join(', ')}.`,
    );
  }
  const [height, width, channels] = options.inputShape;
  if (Math.min(height, width) < entry.minInputSize || ![1, 3].includes(channels)) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `${name} cannot take ${width}×${height}×${channels} input: it needs at least ` +
        `${entry.minInputSize}×${entry.minInputSize} pixels and 1 or 3 channels.`,
    );
  }
  if (!Number.isInteger(options.numClasses) || options.numClasses < 2) {
    throw new GlyphError('BAD_USAGE', `A classifier needs at least 2 classes, got ${options.numClasses}.`);
  }
  return entry.build(options);
}
