import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import { parseModelMetadata, type ModelMetadata } from '@glyph/core/model';
import sharp from 'sharp';
import type { AppDependencies } from '../app-dependencies';
import { buildGlyphApp, type BuildAppOptions, type GlyphApp } from '../build-app';
import { createTinyRecognizer, type ForwardPassCounter } from './tiny-recognizer';

export function tinyMetadata(
  id: string,
  labels: readonly string[],
  task: 'character' | 'image' = 'character',
): ModelMetadata {
  return {
    id,
    name: `Tiny ${id}`,
    task,
    labels: [...labels],
    input: { width: 28, height: 28, channels: 1 },
    preprocessing: { kind: 'ink-mnist' },
    dataset: { name: 'synthetic', split: 'train', sha256: '0'.repeat(64) },
    metrics: { accuracy: 0.5 },
    training: { epochs: 0, seconds: 0, backend: 'cpu' },
    createdAt: '2025-01-01T00:00:00.000Z',
    version: '1',
  };
}

export const digitLabels = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A models directory with one folder per metadata; `raw` entries are written verbatim (for invalid ones). */
export async function writeModelsDir(folders: Record<string, ModelMetadata | string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'glyph-models-'));
  for (const [name, metadata] of Object.entries(folders)) {
    await mkdir(path.join(root, name));
    const text = typeof metadata === 'string' ? metadata : JSON.stringify(metadata);
    await writeFile(path.join(root, name, 'metadata.json'), text);
  }
  return root;
}

export interface TestDependencies extends AppDependencies {
  readonly counter: ForwardPassCounter;
  /** Resolve to let model loading proceed (loading waits on it). */
  releaseLoading(): void;
}

/**
 * Test stand-ins for the @glyph/node adapters: a folder loader that validates metadata.json and
 * builds a tiny seeded network, and a sharp decoder with the same error codes as the real one.
 */
export function testDependencies(options: { holdLoading?: boolean } = {}): TestDependencies {
  const counter: ForwardPassCounter = { passes: 0, batchSizes: [] };
  let releaseLoading = () => {};
  const gate = options.holdLoading
    ? new Promise<void>((resolve) => (releaseLoading = resolve))
    : Promise.resolve();
  return {
    counter,
    releaseLoading: () => releaseLoading(),
    async loadRecognizer(folder) {
      await gate;
      await tf.setBackend('cpu');
      let json: unknown;
      try {
        json = JSON.parse(await readFile(path.join(folder, 'metadata.json'), 'utf8'));
      } catch (error) {
        throw new GlyphError('MODEL_INVALID', `${folder}/metadata.json is missing or not JSON.`, {
          cause: error,
        });
      }
      return createTinyRecognizer(parseModelMetadata(json, folder), counter);
    },
    decodeImage: sharpDecode,
    async encodePng(image) {
      return sharp(image.data, {
        raw: { width: image.width, height: image.height, channels: image.channels },
      })
        .png()
        .toBuffer();
    },
  };
}

async function sharpDecode(bytes: Uint8Array, { maxPixels }: { maxPixels: number }): Promise<RawImage> {
  if (!looksLikeImage(bytes)) throw new GlyphError('UNSUPPORTED_MEDIA_TYPE', 'Not a PNG, JPEG, WebP or GIF.');
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw new GlyphError('IMAGE_UNDECODABLE', 'Corrupt image header.', { cause: error });
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > maxPixels) {
    throw new GlyphError('IMAGE_TOO_LARGE', `More than ${maxPixels} pixels.`);
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels as 1 | 3 | 4 };
  } catch (error) {
    throw new GlyphError('IMAGE_UNDECODABLE', 'Corrupt or truncated image.', { cause: error });
  }
}

function looksLikeImage(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 12));
  return (
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
    (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) ||
    head.subarray(0, 4).toString('latin1') === 'GIF8' ||
    (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP')
  );
}

/** A digit-like drawing: dark stroke on white, `size`×`size`, as PNG bytes. */
export async function drawingPng(size = 280, seed = 1): Promise<Buffer> {
  const x = 40 + ((seed * 37) % 120);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <rect width="100%" height="100%" fill="white"/>
    <path d="M ${x} 40 L ${x + 60} 140 L ${x - 10 + (seed % 50)} 240" stroke="black" stroke-width="${12 + (seed % 9)}" fill="none"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function blankPng(size = 64): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
}

export function dataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/** An app over a temporary models directory and feedback directory, fully loaded unless held. */
export async function startTestApp(
  overrides: Partial<BuildAppOptions> & {
    models?: Record<string, ModelMetadata | string>;
    holdLoading?: boolean;
  } = {},
): Promise<GlyphApp & { deps: TestDependencies; feedbackDir: string }> {
  const { models = { digits: tinyMetadata('digits', digitLabels) }, holdLoading, ...options } = overrides;
  const deps = testDependencies({ holdLoading });
  const feedbackDir = await mkdtemp(path.join(tmpdir(), 'glyph-feedback-'));
  const built = await buildGlyphApp({
    modelsDir: await writeModelsDir(models),
    feedbackDir,
    webDir: null,
    logger: false,
    ...options,
    dependencies: deps,
  });
  if (!holdLoading) await built.context.registry.loaded;
  return { ...built, deps, feedbackDir };
}
