import * as tf from '@tensorflow/tfjs';
import type { LabeledImages } from '../data/labeled-images';
import { parseModelMetadata } from '../model/parse-metadata';
import type { ModelMetadata, PreprocessingSpec } from '../model/metadata';
import { sha256Hex } from './sha256';

export interface TaughtFacts {
  readonly id: string;
  readonly name: string;
  readonly labels: readonly string[];
  readonly preprocessing: PreprocessingSpec;
  readonly trained: LabeledImages;
  readonly holdout: LabeledImages;
  readonly holdoutFraction: number;
  /** Accuracy on the held-out samples; the training accuracy when none were held out. */
  readonly accuracy: number;
  readonly evaluatedOn: 'teach-holdout' | 'teach-training';
  readonly training: Readonly<Record<string, unknown>> & { epochs: number; seconds: number };
  readonly notes: readonly string[];
  readonly createdAt: string;
  readonly version: string;
  readonly model: tf.LayersModel;
}

/** The `metadata.json` of a taught model, validated with the same schema every loader uses. */
export function teachMetadata(facts: TaughtFacts): ModelMetadata {
  const { trained, holdout } = facts;
  return parseModelMetadata(
    {
      id: facts.id,
      name: facts.name,
      task: 'character',
      labels: [...facts.labels],
      input: { width: trained.width, height: trained.height, channels: trained.channels },
      preprocessing: facts.preprocessing,
      dataset: {
        name: 'teach',
        split: 'train',
        // Digest of the samples as model input (train then held-out bytes), to tell two sets apart.
        sha256: sha256Hex(concatBytes(trained.images, holdout.images)),
        trainCount: trained.count,
        testCount: holdout.count,
        holdoutFraction: facts.holdoutFraction,
        notes: [...facts.notes],
      },
      metrics: { accuracy: facts.accuracy, count: holdout.count, evaluatedOn: facts.evaluatedOn },
      training: { ...facts.training, backend: tf.getBackend(), params: facts.model.countParams() },
      createdAt: facts.createdAt,
      version: facts.version,
    },
    facts.id,
  );
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
