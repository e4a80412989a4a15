import { initEngine, type EngineInfo } from '@glyph/core/engine';
import { wasmBinaryDirectory } from './wasm-directory';

export interface NodeEngineOptions {
  /** `wasm` (default), `cpu`, or any registered backend, e.g. `tensorflow` after importing tfjs-node. */
  readonly backend?: string;
}

/**
 * Starts the TensorFlow.js engine in Node: for `wasm`, points the backend at the installed binaries
 * and registers Glyph's training kernels (see docs/engine.md). Throws `BACKEND_UNAVAILABLE` when the
 * backend is unknown or cannot start.
 */
export async function initNodeEngine(options: NodeEngineOptions = {}): Promise<EngineInfo> {
  const backend = options.backend ?? 'wasm';
  return initEngine({ backend, ...(backend === 'wasm' && { wasmPaths: wasmBinaryDirectory() }) });
}
