import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { GlyphError } from '../errors/glyph-error';
import { registerTrainingKernels } from './register-training-kernels';
import { simdKernels } from './simd/simd-kernels';

export interface EngineOptions {
  /** A registered TensorFlow.js backend: `wasm` (default), `cpu`, `webgl`, `tensorflow`, … */
  readonly backend?: string;
  /**
   * Where the wasm binaries are: a directory/URL prefix ending in `/`, or a map from file name
   * (`tfjs-backend-wasm-simd.wasm`, …) to location. Node passes the package's `dist/` directory;
   * browsers pass the URL the app serves them from. Only used before the wasm backend first starts.
   */
  readonly wasmPaths?: string | Record<string, string>;
}

export interface EngineInfo {
  readonly backend: string;
  /** For `wasm`: whether the SIMD build is running (the fast one); otherwise undefined. */
  readonly wasmSimd?: boolean;
  /** For `wasm`: the threads of its XNNPACK thread pool (1 unless the threaded build runs). */
  readonly threads?: number;
  /** For `wasm`: whether Glyph's SIMD training kernels run on it (else their XNNPACK fallbacks). */
  readonly simdKernels?: boolean;
}

/**
 * Selects and starts the TensorFlow.js backend; for `wasm` also registers Glyph's training kernels.
 * Throws `BACKEND_UNAVAILABLE` (listing the registered backends) if the backend is unknown or fails.
 *
 * @public
 */
export async function initEngine(options: EngineOptions = {}): Promise<EngineInfo> {
  const backend = options.backend ?? 'wasm';
  const registered = tf.engine().backendNames();
  if (!registered.includes(backend)) {
    throw new GlyphError(
      'BACKEND_UNAVAILABLE',
      `The TensorFlow.js backend '${backend}' is not registered. Registered backends: ` +
        `${registered.join(', ')}. Pick one of those, or install and import the package that provides it.`,
      { details: { backend, registered } },
    );
  }
  if (backend === 'wasm') {
    if (options.wasmPaths !== undefined && !(backend in tf.engine().registry)) {
      setWasmPaths(options.wasmPaths as Parameters<typeof setWasmPaths>[0]);
    }
    registerTrainingKernels();
  }
  await startBackend(backend);
  if (backend !== 'wasm') return { backend: tf.getBackend() };
  const wasmSimd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return {
    backend: tf.getBackend(),
    wasmSimd,
    threads: getThreadsCount(),
    simdKernels: simdKernels(tf.backend()) !== undefined,
  };
}

async function startBackend(backend: string): Promise<void> {
  let cause: unknown;
  let started = false;
  try {
    started = await tf.setBackend(backend);
  } catch (error) {
    cause = error;
  }
  if (!started) {
    const reason = cause instanceof Error ? ` (${cause.message})` : '';
    throw new GlyphError(
      'BACKEND_UNAVAILABLE',
      `The TensorFlow.js backend '${backend}' failed to start${reason}. For 'wasm', check that the ` +
        `.wasm files are reachable at the configured wasm paths; otherwise choose another backend.`,
      { cause, details: { backend } },
    );
  }
  await tf.ready();
}
