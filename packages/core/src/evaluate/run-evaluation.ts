import type * as tf from '@tensorflow/tfjs';
import { applyTemperature } from '../calibration/temperature';
import type { LabeledImages } from '../data/labeled-images';
import { buildEvaluationReport } from '../metrics/build-report';
import type { DataPartition, EvaluationReport, ReportModel } from '../metrics/evaluation-report';
import { checkNetworkMatchesMetadata, type NetworkShape } from '../model/network-shape';
import { evaluateModel } from './evaluate-model';
import { assertDataFitsModel, assertNotEmpty, mapClassesToLabels } from './validate-inputs';

export interface EvaluationPlanInput {
  readonly model: tf.LayersModel;
  /** Identity, labels and declared input of the model (from its metadata). */
  readonly modelInfo: ReportModel;
  readonly data: LabeledImages;
}

/** Everything checked and derived before the first forward pass. */
export interface EvaluationPlan {
  readonly shape: NetworkShape;
  /** Dataset class index → model output unit. */
  readonly classMap: Int32Array;
}

/**
 * Validates model against metadata and data against model, before any work: the network against
 * its metadata (`checkNetworkMatchesMetadata`, `MODEL_INVALID`), then image size/channels and class
 * names (`SHAPE_MISMATCH`).
 */
export function planEvaluation(input: EvaluationPlanInput): EvaluationPlan {
  const { model, modelInfo, data } = input;
  const source = modelInfo.source ?? `model ${modelInfo.id}`;
  const shape = checkNetworkMatchesMetadata(model, modelInfo, source);
  assertDataFitsModel(shape, data, source);
  const classMap = mapClassesToLabels(data.classNames, modelInfo.labels);
  assertNotEmpty(data);
  return { shape, classMap };
}

export interface RunEvaluationInput extends EvaluationPlanInput {
  readonly dataset: {
    readonly spec: string;
    readonly sha256?: string;
    readonly partition: DataPartition;
    readonly notes?: readonly string[];
  };
  readonly plan?: EvaluationPlan;
  readonly batchSize?: number;
  readonly backend?: string;
  readonly loadMs?: number;
  readonly topLossCount?: number;
  /** The model folder's calibration temperature: the report then gives calibrated ECE too. */
  readonly temperature?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Validates, runs the model over the data and returns the plain-JSON evaluation report.
 *
 * @public
 */
export async function runEvaluation(input: RunEvaluationInput): Promise<EvaluationReport> {
  const plan = input.plan ?? planEvaluation(input);
  const outcomes = await evaluateModel(input.model, input.data, {
    batchSize: input.batchSize,
    classMap: plan.classMap,
    keepProbabilities: input.temperature !== undefined,
    onProgress: input.onProgress,
  });
  const seconds = outcomes.evaluateMs / 1000;
  const report = buildEvaluationReport({
    model: input.modelInfo,
    dataset: {
      spec: input.dataset.spec,
      name: input.data.name,
      ...(input.dataset.sha256 === undefined ? {} : { sha256: input.dataset.sha256 }),
      partition: input.dataset.partition,
      notes: [...(input.dataset.notes ?? [])],
    },
    outcomes,
    timing: {
      ...(input.backend === undefined ? {} : { backend: input.backend }),
      evaluateMs: outcomes.evaluateMs,
      imagesPerSecond: seconds > 0 ? input.data.count / seconds : 0,
      ...(input.loadMs === undefined ? {} : { loadMs: input.loadMs }),
    },
    topLossCount: input.topLossCount,
    ...(input.temperature !== undefined &&
      outcomes.probabilities && {
        calibrated: {
          temperature: input.temperature,
          confidences: calibratedTop(outcomes.probabilities, plan.shape.outputUnits, input.temperature),
        },
      }),
  });
  const sources = input.data.sources;
  if (!sources) return report;
  // Name each worst sample's file, so a reader can open it (and fix or drop a mislabelled one).
  const topLosses = report.topLosses.map((loss) => ({ ...loss, source: sources[loss.index] }));
  return { ...report, topLosses };
}

/** Top-1 probability of each row after temperature scaling. */
function calibratedTop(probabilities: Float32Array, units: number, temperature: number): Float32Array {
  const count = probabilities.length / units;
  return Float32Array.from({ length: count }, (_, i) =>
    Math.max(...applyTemperature(probabilities.subarray(i * units, (i + 1) * units), temperature)),
  );
}
