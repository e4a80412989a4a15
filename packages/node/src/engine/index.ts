export { initNodeEngine, type NodeEngineOptions } from './init-node-engine';
export { wasmBinaryDirectory } from './wasm-directory';
