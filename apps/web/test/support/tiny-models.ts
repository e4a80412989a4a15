/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// Small untrained models in the real artifact format (model.json + weights.bin + metadata.json), so
// the UI can be tested end to end before trained models exist. Seeded: every run writes the same bytes.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

export interface TinyModelSpec {
  readonly id: string;
  readonly name: string;
  readonly labels: readonly string[];
  readonly seed: number;
}

function buildNetwork(numClasses: number, seed: number): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed * 10 + offset });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 4,
        kernelSize: 5,
        strides: 2,
        activation: 'relu',
        kernelInitializer: init(1),
      }),
      tf.layers.flatten(),
      tf.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
}

function confusionFor(labels: readonly string[]): number[][] {
  return labels.map((_, t) => labels.map((__, p) => (t === p ? 90 : (t * 7 + p * 3) % 5 === 0 ? 4 : 0)));
}

async function writeModel(root: string, spec: TinyModelSpec): Promise<void> {
  const folder = path.join(root, spec.id);
  await mkdir(folder, { recursive: true });
  const network = buildNetwork(spec.labels.length, spec.seed);
  await network.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const modelJson = {
        format: 'layers-model',
        generatedBy: 'glyph web tests',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(path.join(folder, 'model.json'), JSON.stringify(modelJson));
      await writeFile(path.join(folder, 'weights.bin'), new Uint8Array(artifacts.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  network.dispose();
  const metadata = {
    id: spec.id,
    name: spec.name,
    task: 'character',
    labels: spec.labels,
    input: { width: 28, height: 28, channels: 1 },
    preprocessing: { kind: 'ink-mnist' },
    dataset: { name: 'synthetic', split: 'none', sha256: '0'.repeat(64) },
    metrics: { accuracy: 0.9, confusion: confusionFor(spec.labels) },
    training: { epochs: 0, seconds: 0, backend: 'cpu', note: 'untrained test model with seeded weights' },
    createdAt: '2025-01-01T00:00:00.000Z',
    version: '1',
  };
  await writeFile(path.join(folder, 'metadata.json'), JSON.stringify(metadata, null, 2));
}

export const tinyDigits: TinyModelSpec = {
  id: 'digits',
  name: 'Digits',
  labels: '0123456789'.split(''),
  seed: 1,
};
export const tinyLetters: TinyModelSpec = {
  id: 'letters',
  name: 'Letters',
  labels: 'abcdefghijklmnopqrstuvwxyz'.split(''),
  seed: 2,
};

export const tinyChars: TinyModelSpec = {
  id: 'chars',
  name: 'Characters',
  labels: [...'0123456789', ...'abcdefghijklmnopqrstuvwxyz', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  seed: 3,
};

/** A fresh models directory holding the given tiny models. */
export async function writeTinyModelsDir(
  specs: readonly TinyModelSpec[] = [tinyDigits, tinyLetters, tinyChars],
): Promise<string> {
  await tf.setBackend('cpu');
  const root = await mkdtemp(path.join(tmpdir(), 'glyph-web-models-'));
  for (const spec of specs) await writeModel(root, spec);
  return root;
}
