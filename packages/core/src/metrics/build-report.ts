import { calibrationError } from './calibration-error';
import { accuracyFromConfusion, confusionMatrix } from './confusion-matrix';
import { classMetrics, macroAverage, weightedAverage } from './class-metrics';
import type {
  EvaluationReport,
  ReportCalibration,
  ReportDataset,
  ReportModel,
  ReportTiming,
} from './evaluation-report';
import { mostConfused } from './most-confused';
import { topLosses, type SampleOutcomes } from './top-losses';

export interface BuildReportInput {
  readonly model: ReportModel;
  readonly dataset: ReportDataset;
  /** Per-sample outcomes with class indices into `model.labels`. */
  readonly outcomes: SampleOutcomes;
  readonly timing: ReportTiming;
  /** How many worst samples to keep (default 16). */
  readonly topLossCount?: number;
  /** How many confused pairs to keep (default 20). */
  readonly mostConfusedLimit?: number;
  /** Top-1 confidences after the model's calibration (temperature), per sample, when it has one. */
  readonly calibrated?: { readonly temperature: number; readonly confidences: ArrayLike<number> };
  /** ISO time stamp; the caller's clock keeps this function pure (default now). */
  readonly createdAt?: string;
}

/** Turns per-sample outcomes into the plain-JSON evaluation report every renderer draws. */
export function buildEvaluationReport(input: BuildReportInput): EvaluationReport {
  const { model, dataset, outcomes } = input;
  const labels = [...model.labels];
  const confusion = confusionMatrix(outcomes.trueClasses, outcomes.predictedClasses, labels.length);
  const perClass = classMetrics(confusion, labels);
  return {
    format: 'glyph-evaluation-report',
    version: 1,
    createdAt: input.createdAt ?? new Date().toISOString(),
    model: { ...model, labels },
    dataset,
    n: outcomes.trueClasses.length,
    accuracy: accuracyFromConfusion(confusion),
    macroAverage: macroAverage(perClass),
    weightedAverage: weightedAverage(perClass),
    labels,
    perClass,
    confusion,
    mostConfused: mostConfused(confusion, labels, { limit: input.mostConfusedLimit ?? 20 }),
    topLosses: topLosses(outcomes, labels, input.topLossCount ?? 16),
    calibration: reportCalibration(outcomes, input.calibrated),
    timing: input.timing,
  };
}

const CALIBRATION_BINS = 15;

function reportCalibration(
  outcomes: SampleOutcomes,
  calibrated: BuildReportInput['calibrated'],
): ReportCalibration {
  const correct = Array.from(outcomes.predictedClasses, (p, i) => p === outcomes.trueClasses[i]);
  const raw = calibrationError(outcomes.confidences, correct, CALIBRATION_BINS);
  if (calibrated === undefined) return { bins: CALIBRATION_BINS, ece: raw.ece, maxGap: raw.maxGap };
  const after = calibrationError(calibrated.confidences, correct, CALIBRATION_BINS);
  return {
    bins: CALIBRATION_BINS,
    ece: raw.ece,
    maxGap: raw.maxGap,
    temperature: calibrated.temperature,
    calibratedEce: after.ece,
    calibratedMaxGap: after.maxGap,
  };
}
