export { resolveBackboneDir } from './backbone-dir';
export { buildPackagedBackbone } from './build-packaged-backbone';
export { featureModel } from './feature-model';
export { loadBackbone, type LoadedBackbone } from './load-backbone';
export { packagedBackbone, packagedBackbones, type PackagedBackbone } from './packaged-backbones';
