// Tiny on-disk datasets and configurations for the training tests.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { gzip, idxBytes } from './dataset-files';
import type { TrainConfig } from '../train/train-config';

/**
 * `root/h/*.png` and `root/v/*.png`: 12×12 gray images of a dark horizontal or vertical bar on
 * white, `perClass` each, all different (so a content-hash holdout splits them).
 */
export async function writeBarsFolder(root: string, perClass = 24): Promise<void> {
  const side = 12;
  for (const [className, horizontal] of [
    ['h', true],
    ['v', false],
  ] as const) {
    await mkdir(join(root, className), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const pixels = new Uint8Array(side * side).fill(255);
      const line = 2 + (i % 8);
      for (let k = 1; k < side - 1; k++) {
        const [x, y] = horizontal ? [k, line] : [line, k];
        pixels[y * side + x] = 10 + ((i * 7) % 60);
        pixels[(horizontal ? y + 1 : y) * side + (horizontal ? x : x + 1)] = 40 + (i % 5);
      }
      const png = await sharp(pixels, { raw: { width: side, height: side, channels: 1 } })
        .png()
        .toBuffer();
      await writeFile(join(root, className, `${i}.png`), png);
    }
  }
}

/** A miniature MNIST (28×28 noise, digits 0..9 cycling) in `dataDir/mnist`, in the official file names. */
export async function writeTinyMnist(dataDir: string, trainCount = 20, testCount = 10): Promise<void> {
  const folder = join(dataDir, 'mnist');
  await mkdir(folder, { recursive: true });
  const files = {
    train: ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'],
    test: ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'],
  };
  for (const [split, count] of [
    ['train', trainCount],
    ['test', testCount],
  ] as const) {
    const images = Uint8Array.from(
      { length: count * 784 },
      (_, i) => (i * 37 + (split === 'test' ? 11 : 0)) % 256,
    );
    const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
    await writeFile(join(folder, files[split][0]), gzip(idxBytes([count, 28, 28], images)));
    await writeFile(join(folder, files[split][1]), gzip(idxBytes([count], labels)));
  }
}

/** A run small enough for the `cpu` backend: seed-alphabet on 10×10 gray input. */
export function tinyConfig(dataset: string, overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    dataset,
    model: 'seed-alphabet',
    epochs: 2,
    batchSize: 8,
    learningRate: 0.01,
    optimizer: 'adam',
    schedule: 'cosine',
    augment: 'auto',
    valSplit: 0.2,
    holdout: 0.25,
    dedupe: false,
    seed: 3,
    input: [10, 10, 1],
    preprocess: 'photo',
    ...overrides,
  };
}
