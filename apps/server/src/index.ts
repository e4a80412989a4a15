export { buildApp, buildGlyphApp, type BuildAppOptions, type GlyphApp } from './build-app';
export type { AppDependencies } from './app-dependencies';
export { defaultAppOptions, type AppOptions } from './app-options';
export { dirNameToLabel, labelToDirName } from '@glyph/node/datasets';
export { MicroBatcher, type MicroBatcherOptions } from './micro-batcher';
