export { collectLattices, type CollectLatticesOptions } from './collect-lattices';
export {
  fitModelScorer,
  type FitModelScorerOptions,
  type FitModelScorerResult,
  type SetMeasures,
} from './fit-model-scorer';
export { readLatticeFiles, saveLatticeFile } from './lattice-files';
