export { evaluateModel, type EvaluateModelOptions, type ModelOutcomes } from './evaluate-model';
export { summarizeOutcomes, type EvaluationSummary } from './summarize-outcomes';
export {
  planEvaluation,
  runEvaluation,
  type EvaluationPlan,
  type EvaluationPlanInput,
  type RunEvaluationInput,
} from './run-evaluation';
export { toFloatBatch } from './to-float-batch';
export { metadataInput } from './metadata-input';
// Lives in core/data, shared with training; re-exported because `glyph eval` imports it from here.
export {
  assertDataFitsModel,
  assertNotEmpty,
  mapClassesToLabels,
  type ImageGeometry,
} from './validate-inputs';
export { decideHoldout, type HoldoutDecision, type HoldoutDecisionInput } from './holdout-policy';
