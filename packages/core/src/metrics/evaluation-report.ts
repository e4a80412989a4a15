import type { AveragedMetrics, ClassMetrics } from './class-metrics';
import type { ConfusedPair } from './most-confused';
import type { TopLoss } from './top-losses';

/**
 * Which samples the numbers come from. `holdout` means a content-hash partition of the dataset that
 * training never saw — not the dataset's official test split — and every renderer must say so.
 */
export interface DataPartition {
  readonly kind: 'official-split' | 'holdout' | 'whole-dataset';
  /** The split the samples were drawn from (`test`, `train`), when the dataset has splits. */
  readonly split?: string;
  /** Fraction of the dataset in the held-out partition (kind `holdout`). */
  readonly holdoutFraction?: number;
  /** One plain sentence for readers, shown verbatim by every renderer. */
  readonly statement: string;
}

export interface ReportModel {
  readonly id: string;
  readonly name: string;
  /** `labels[i]` is the class of output unit i; the order of `perClass` and `confusion`. */
  readonly labels: readonly string[];
  readonly input: { readonly width: number; readonly height: number; readonly channels: number };
  /** Where the model was loaded from (folder path or URL). */
  readonly source?: string;
}

export interface ReportDataset {
  /** The spec the user gave, e.g. `mnist:test`, `emnist-byclass`, `folder:./data`. */
  readonly spec: string;
  /** Name of the evaluated split as the loader reports it. */
  readonly name: string;
  readonly sha256?: string;
  readonly partition: DataPartition;
  /** Loader notes worth reading (deduplication, missing classes, orientation fixes…). */
  readonly notes: readonly string[];
}

export interface ReportTiming {
  readonly backend?: string;
  /** Forward passes over all samples, including uint8→float32 conversion. */
  readonly evaluateMs: number;
  readonly imagesPerSecond: number;
  /** Model and dataset loading, when the caller measured it. */
  readonly loadMs?: number;
}

/** How well top-1 confidences match accuracy (expected calibration error, equal-width bins). */
export interface ReportCalibration {
  readonly bins: number;
  /** ECE of the model's own softmax confidences. */
  readonly ece: number;
  readonly maxGap: number;
  /** With the model folder's calibration: its temperature and the ECE of calibrated confidences. */
  readonly temperature?: number;
  readonly calibratedEce?: number;
  readonly calibratedMaxGap?: number;
}

/**
 * The evaluation as plain JSON: the one source the terminal table, `report.html`, the PNGs and the
 * web app render. Class-indexed arrays follow `model.labels`.
 */
export interface EvaluationReport {
  readonly format: 'glyph-evaluation-report';
  readonly version: 1;
  readonly createdAt: string;
  readonly model: ReportModel;
  readonly dataset: ReportDataset;
  /** Number of evaluated samples. */
  readonly n: number;
  /** Fraction of samples whose top prediction is the true class. */
  readonly accuracy: number;
  readonly macroAverage: AveragedMetrics;
  readonly weightedAverage: AveragedMetrics;
  readonly labels: readonly string[];
  readonly perClass: readonly ClassMetrics[];
  /** `confusion[t][p]`: samples of true class `labels[t]` predicted as `labels[p]`. */
  readonly confusion: readonly (readonly number[])[];
  readonly mostConfused: readonly ConfusedPair[];
  readonly topLosses: readonly TopLoss[];
  /** Calibration of the confidences on these samples (reports written before it existed lack it). */
  readonly calibration?: ReportCalibration;
  readonly timing: ReportTiming;
}
