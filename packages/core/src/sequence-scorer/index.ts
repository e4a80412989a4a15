export { FIT_SCORER_DEFAULTS, fitSequenceScorer, type FitScorerOptions } from './fit-sequence-scorer';
export { bestText, pathMarginals, toLattice, type Edge, type Lattice } from './lattice-paths';
export { edgeScores, measureReadings, type ReadingMeasures } from './measure-readings';
export {
  lineLattice,
  parseSavedLattices,
  type SavedCandidate,
  type SavedLattice,
  type SavedLattices,
} from './saved-lattices';
export {
  parseSequenceScorer,
  resolveSequenceWeights,
  SEQUENCE_SCORER_FILE,
  sequenceScorerArtifact,
  sequenceScorerSchema,
  type SequenceScorerArtifact,
} from './sequence-scorer-artifact';
