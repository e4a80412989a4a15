export {
  buildModel,
  isArchitectureName,
  listArchitectures,
  type ArchitectureInfo,
  type ArchitectureName,
} from './architectures';
export type { BuildOptions } from './build-options';
export { buildGlyphnet } from './glyphnet';
export { modelSize } from './model-size';
export { buildSeedAlphabet } from './seed-alphabet';
export { buildSeedMnist } from './seed-mnist';
export { buildSeedThesis } from './seed-thesis';
