import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelMetadata } from '@glyph/core/model';
import type { Recognizer } from '@glyph/core/recognize';
import { decodeImage, encodePng } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import type { AppDependencies } from '../app-dependencies';
import { buildGlyphApp, type BuildAppOptions, type GlyphApp } from '../build-app';
import { writeRealModelFolder } from './real-model-folder';

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

/**
 * A models directory: a real model folder (tiny seeded CNN) per metadata, or, for a string, a
 * folder holding only that text as metadata.json (an invalid model).
 */
export async function writeModelsDir(folders: Record<string, ModelMetadata | string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'glyph-models-'));
  for (const [name, metadata] of Object.entries(folders)) {
    if (typeof metadata === 'string') {
      await mkdir(path.join(root, name));
      await writeFile(path.join(root, name, 'metadata.json'), metadata);
    } else {
      await writeRealModelFolder(path.join(root, name), metadata);
    }
  }
  return root;
}

/** Counts forward passes so tests can see micro-batching at work, and can hold the model busy. */
export interface ForwardPassCounter {
  passes: number;
  batchSizes: number[];
  /** When set, every batch waits for it first. */
  gate?: Promise<void>;
  /** Batches that have reached the gate. */
  held?: number;
}

export interface TestDependencies extends AppDependencies {
  readonly counter: ForwardPassCounter;
  /** Lets model loading proceed when it was held. */
  releaseLoading(): void;
}

/**
 * The production adapters (@glyph/node loader and decoder), with each loaded recognizer wrapped to
 * count its batches and, on demand, hold loading or batches until the test lets them go.
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
      return counted(await loadRecognizerFromFolder(folder), counter);
    },
    decodeImage,
    encodePng,
  };
}

function counted(recognizer: Recognizer, counter: ForwardPassCounter): Recognizer {
  const recognizeBatch: Recognizer['recognizeBatch'] = async (images, options) => {
    if (counter.gate) {
      counter.held = (counter.held ?? 0) + 1;
      await counter.gate;
    }
    counter.passes += 1;
    counter.batchSizes.push(images.length);
    return recognizer.recognizeBatch(images, options);
  };
  return {
    metadata: recognizer.metadata,
    recognizeBatch,
    recognize: async (image, options) => (await recognizeBatch([image], options))[0],
    recognizeSequence: (image, options) => recognizer.recognizeSequence(image, options),
    dispose: () => recognizer.dispose(),
  };
}

/**
 * An app over a temporary models directory and feedback directory, fully loaded unless held. API
 * keys are not required unless `requireKeys: true` is passed.
 */
export async function startTestApp(
  overrides: Partial<BuildAppOptions> & {
    models?: Record<string, ModelMetadata | string>;
    holdLoading?: boolean;
  } = {},
): Promise<GlyphApp & { deps: TestDependencies; feedbackDir: string }> {
  const { models = { digits: tinyMetadata('digits', digitLabels) }, holdLoading, ...options } = overrides;
  await tf.setBackend('cpu');
  const deps = testDependencies({ holdLoading });
  const feedbackDir = await mkdtemp(path.join(tmpdir(), 'glyph-feedback-'));
  const built = await buildGlyphApp({
    modelsDir: await writeModelsDir(models),
    feedbackDir,
    webDir: null,
    logger: false,
    // These tests exercise the routes, not authentication (auth/*.test.ts does): keys off unless set.
    requireKeys: false,
    ...options,
    dependencies: deps,
  });
  if (!holdLoading) await built.context.registry.loaded;
  return { ...built, deps, feedbackDir };
}
