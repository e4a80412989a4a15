// Teaching in the browser (and Node): few-shot training of a new character classifier from raw
// drawings, and personalization of a shipped model from a user's corrections. Pure core code, so a
// Web Worker runs exactly what the Node checks measure.
export { personalize } from './personalize';
export { personalizeRecipe, type PersonalizeRecipe } from './personalize-recipe';
export {
  parseRehearsalSet,
  pickRehearsalImages,
  REHEARSAL_BIN_FILE,
  REHEARSAL_JSON_FILE,
  rehearsalSetFile,
  rehearsalSetSchema,
  type RehearsalSetFile,
} from './rehearsal-set';
export { teachClassifier } from './teach-classifier';
export { stratifiedHoldout, type HoldoutSplit } from './stratified-holdout';
export type {
  CancelSignal,
  PersonalizeOptions,
  PersonalizeResult,
  TeachBase,
  TeachEpoch,
  TeachOptions,
  TeachProgress,
  TeachResult,
  TeachSample,
} from './teach-types';
