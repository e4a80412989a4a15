import * as tf from '@tensorflow/tfjs';
import { initEngine, type EngineInfo } from '@glyph/core/engine';
import { wasmBinaryDirectory } from './wasm-directory';
import { prepareWasmThreads } from './wasm-threads';

export interface NodeEngineOptions {
  /** `wasm` (default), `cpu`, or any registered backend, e.g. `tensorflow` after importing tfjs-node. */
  readonly backend?: string;
  /**
   * For `wasm`: threads for its XNNPACK thread pool (default 1). More than 1 starts the threaded
   * build, which splits each convolution and matrix product across cores — for serving and
   * single-process work; data-parallel training (`--workers`) keeps 1 per worker. Capped at the
   * core count and at 8. Only the first start of the backend in a process sets it.
   */
  readonly threads?: number;
}

/**
 * Starts the TensorFlow.js engine in Node: for `wasm`, points the backend at the installed binaries
 * and registers Glyph's training kernels (see docs/engine.md). Throws `BACKEND_UNAVAILABLE` when the
 * backend is unknown or cannot start.
 *
 * @public
 */
export async function initNodeEngine(options: NodeEngineOptions = {}): Promise<EngineInfo> {
  const backend = options.backend ?? 'wasm';
  if (backend !== 'wasm') return initEngine({ backend });
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const restore = threads > 1 && !('wasm' in tf.engine().registry) ? prepareWasmThreads(threads) : undefined;
  try {
    return await initEngine({ backend, wasmPaths: wasmBinaryDirectory() });
  } finally {
    restore?.();
  }
}
