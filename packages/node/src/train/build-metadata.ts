import { basename } from 'node:path';
import type { ModelMetadata } from '@glyph/core/model';
import type { EvaluationSummary } from '@glyph/core/evaluate';
import type { FitResult } from '@glyph/core/train';
import type { PreparedData } from './prepare-data';
import type { RunSettings, TrainConfig } from './train-config';

export type EvaluatedOn = 'test' | 'holdout-test' | 'validation' | 'train' | 'cross-validation';

export interface MetadataInput {
  readonly config: TrainConfig;
  readonly settings: RunSettings;
  /** The command that started the run, then each `--resume`; defaults to this invocation's. */
  readonly commandLines?: readonly string[];
  readonly data: PreparedData;
  readonly result: FitResult;
  readonly evaluation: EvaluationSummary;
  readonly evaluatedOn: EvaluatedOn;
  readonly input: readonly [number, number, number];
  readonly outDirectory: string;
  readonly seconds: number;
  readonly backend: string;
  readonly workers: number;
  readonly params: number;
}

/** A model id from a folder name: `runs/My Digits` → `my-digits`. */
export function idFromFolder(directory: string): string {
  const slug = basename(directory)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return slug === '' ? 'model' : slug;
}

/** `metadata.json` of a trained model (DESIGN "Model artifact"), with the full config and command. */
export function buildMetadata(input: MetadataInput): ModelMetadata {
  const { config, data, result, evaluation } = input;
  const last = result.history.at(-1);
  const id = config.id ?? idFromFolder(input.outDirectory);
  const [height, width, channels] = input.input;
  return {
    id,
    name: config.name ?? id,
    task: data.task,
    labels: [...data.train.classNames],
    input: { width, height, channels: channels as 1 | 3 },
    preprocessing: data.preprocessing,
    dataset: {
      name: data.loaded.name,
      spec: config.dataset,
      split: 'train',
      sha256: data.loaded.sha256,
      ...(data.loaded.holdout && { holdout: data.loaded.holdout }),
      trainCount: data.train.count,
      validationCount: data.validation?.count ?? 0,
      testCount: data.test?.count ?? 0,
      notes: data.notes,
    },
    metrics: {
      accuracy: evaluation.accuracy,
      loss: evaluation.loss,
      count: evaluation.count,
      evaluatedOn: input.evaluatedOn,
      ...(data.loaded.holdout && {
        note: 'Measured on our own content-hash held-out partition, not an official test split.',
      }),
      ...(last && { trainLoss: last.loss, trainAccuracy: last.accuracy }),
      ...(last?.valAccuracy !== undefined && { valLoss: last.valLoss, valAccuracy: last.valAccuracy }),
    },
    training: {
      ...config,
      architecture: config.model,
      epochs: result.epochsCompleted,
      epochsPlanned: config.epochs,
      stopReason: result.stopReason,
      seconds: Math.round(input.seconds * 10) / 10,
      backend: input.backend,
      workers: input.workers,
      params: input.params,
      ...commandLineFields(input.commandLines ?? [input.settings.commandLine]),
      node: process.version,
    },
    createdAt: new Date().toISOString(),
    version: '1',
  };
}

/**
 * `commandLine` is the command that started the run; `resumedWith` the `--resume` commands that
 * continued it, so a killed and resumed run still says how it was configured.
 */
function commandLineFields(lines: readonly string[]): { commandLine: string; resumedWith?: string[] } {
  const [first = '', ...resumes] = lines;
  return { commandLine: first, ...(resumes.length > 0 && { resumedWith: resumes }) };
}
