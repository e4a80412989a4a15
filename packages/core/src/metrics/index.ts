export { accuracyFromConfusion, confusionMatrix } from './confusion-matrix';
export {
  classMetrics,
  macroAverage,
  weightedAverage,
  type AveragedMetrics,
  type ClassMetrics,
} from './class-metrics';
export { mostConfused, type ConfusedPair, type MostConfusedOptions } from './most-confused';
export { sampleLoss, topLosses, type SampleOutcomes, type TopLoss } from './top-losses';
export type {
  DataPartition,
  EvaluationReport,
  ReportDataset,
  ReportCalibration,
  ReportModel,
  ReportTiming,
} from './evaluation-report';
export { describePartition, type PartitionFacts } from './partition';
export { buildEvaluationReport, type BuildReportInput } from './build-report';
export {
  confusionCellSize,
  confusionChartSpec,
  mostConfusedChartSpec,
  perClassChartSpec,
  type VegaLiteSpec,
} from './report-charts';
export { calibrationError, type CalibrationError, type ReliabilityBin } from './calibration-error';
export { editDistance } from './edit-distance';
