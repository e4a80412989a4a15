import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const workerScript = fileURLToPath(new URL('./wasm-pthread-worker.cjs', import.meta.url));

/**
 * Lets the wasm backend start its threaded build with `threads` threads for XNNPACK's thread pool
 * (convolutions and matrix products split across cores). Call it before the backend first starts;
 * the returned function undoes the start-up patches and must run once the backend has started.
 *
 * Three things stand in the way in Node, each handled only for the duration of the start-up:
 * - tfjs reports no thread support in Node: the flag is set;
 * - the package starts its workers from a Blob URL, which worker_threads cannot load: that one
 *   Blob URL becomes the path of `wasm-pthread-worker.cjs`, which loads the same script;
 * - the build caps its pool at half of `os.cpus()` (it assumes two hardware threads per core),
 *   one thread on a 2-core machine: during start-up it sees twice the cores, so the cap is the
 *   real core count.
 */
export function prepareWasmThreads(threads: number): () => void {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(threads);
  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  URL.createObjectURL = (object) =>
    object instanceof Blob && object.type === 'application/javascript'
      ? workerScript
      : createObjectURL(object);
  os.cpus = () => [...cpus(), ...cpus()];
  return () => {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
    unrefPoolThreads();
  };
}

interface PThreads {
  readonly runningWorkers: readonly Worker[];
  readonly unusedWorkers: readonly Worker[];
}

/**
 * The pool's threads run for the life of the process and hold a reference on the event loop, so
 * `node script.js` would never end on its own: like timers with `unref()`, they no longer keep the
 * process alive (Node stops them when it exits).
 */
function unrefPoolThreads(): void {
  if (tf.getBackend() !== 'wasm') return;
  const pthreads = (tf.backend() as { wasm?: { PThread?: PThreads } }).wasm?.PThread;
  for (const worker of [...(pthreads?.runningWorkers ?? []), ...(pthreads?.unusedWorkers ?? [])])
    worker.unref();
}
