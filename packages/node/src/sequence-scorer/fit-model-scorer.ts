import { join } from 'node:path';
import type { SequenceWeights } from '@glyph/core/recognize';
import {
  fitSequenceScorer,
  measureReadings,
  SEQUENCE_SCORER_FILE,
  sequenceScorerArtifact,
  type FitScorerOptions,
  type Lattice,
  type ReadingMeasures,
} from '@glyph/core/sequence-scorer';
import { writeFileAtomic } from '../model-io/atomic-write';
import { readMetadata } from '../model-io/load-model-folder';
import { readSequenceScorer } from '../recognize/read-sequence-scorer';
import { readLatticeFiles } from './lattice-files';

export interface FitModelScorerOptions extends Omit<FitScorerOptions, 'onProgress'> {
  /** The model folder whose lattices these are; `write` puts `sequence-scorer.json` there. */
  readonly model: string;
  /** Lattice files to fit on (lines of training digits). */
  readonly fit: readonly string[];
  /** Lattice files only to measure on (lines of test digits). */
  readonly check: readonly string[];
  readonly write: boolean;
  /** Every 50 steps: the mean loss, and the fit/check measures every 200 steps. */
  readonly onProgress?: (step: number, loss: number, measures?: SetMeasures) => void;
}

/** Measures on the fitting lines and on the checking lines (absent when there are none). */
export interface SetMeasures {
  readonly fit?: ReadingMeasures;
  readonly check?: ReadingMeasures;
}

export interface FitModelScorerResult {
  /** The weights the model reads lines with now, and where they come from. */
  readonly current: { readonly from: 'folder' | 'default' | 'stale'; readonly measures: SetMeasures };
  /** Absent when there was nothing to fit on (only `check` files: a measurement of the current scorer). */
  readonly fitted?: { readonly weights: SequenceWeights; readonly measures: SetMeasures };
  /** The file written, with `write`. */
  readonly written?: string;
}

/**
 * Fits a model's sequence scorer on saved lattices and measures it beside the one the model uses
 * now; with `write`, saves it as the model folder's `sequence-scorer.json`.
 */
export async function fitModelScorer(options: FitModelScorerOptions): Promise<FitModelScorerResult> {
  const metadata = await readMetadata(options.model);
  const fit = await readLatticeFiles(options.fit);
  const check = await readLatticeFiles(options.check);
  const measure = (weights: SequenceWeights): SetMeasures => ({
    ...(fit.length > 0 && { fit: measureReadings(fit, weights) }),
    ...(check.length > 0 && { check: measureReadings(check, weights) }),
  });
  const now = await readSequenceScorer(options.model, metadata);
  const current = { from: now.from, measures: measure(now.weights) };
  if (fit.length === 0) return { current };
  const weights = fitSequenceScorer(fit, {
    ...options,
    onProgress: (step, loss, snapshot) =>
      options.onProgress?.(step, loss, step % 200 === 0 ? measure(snapshot()) : undefined),
  });
  const fitted = { weights, measures: measure(weights) };
  if (!options.write) return { current, fitted };
  const path = join(options.model, SEQUENCE_SCORER_FILE);
  const artifact = sequenceScorerArtifact(
    weights,
    metadata,
    fittedFacts(options, fit, check, fitted.measures),
  );
  await writeFileAtomic(path, `${JSON.stringify(artifact, null, 2)}\n`);
  return { current, fitted, written: path };
}

function fittedFacts(
  options: FitModelScorerOptions,
  fit: readonly Lattice[],
  check: readonly Lattice[],
  measures: SetMeasures,
): Record<string, unknown> {
  const { hidden, steps, l2, learningRate, seed } = options;
  return {
    lines: { fit: fit.length, check: check.length },
    options: { hidden, steps, l2, learningRate, seed },
    measures,
  };
}
