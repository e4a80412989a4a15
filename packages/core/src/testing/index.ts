// Test helpers for core and for the packages built on it (`@glyph/core/testing`). Production code
// never imports this entry; lint refuses it outside tests (eslint.config.js).
export {
  runKernel,
  runOn,
  scaledError,
  seededValues,
  startWasm,
  wasmDataBuffers,
  wasmVersusCpu,
  type Result,
} from './kernel-checks';
export { shapeLabels, shapeSamples, tinyBase } from './teach-shapes';
export { ScriptedTrainer, tinyModel, toyImages, toySide } from './toy-training';
