import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Worker entries are TypeScript: the thread registers tsx's loader first, then imports the entry.
const require = createRequire(import.meta.url);
const bootstrap = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then(({ register }) => { register(); return import(workerData.entry); });
`;
// The ESM build of tsx's API (require.resolve finds its CommonJS twin beside it).
const loader = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/** A worker thread running the TypeScript module `entry`, which reads `data` from `workerData`. */
export function startTsWorker(entry: URL, data: object): Worker {
  return new Worker(bootstrap, {
    eval: true,
    execArgv: [],
    workerData: { ...data, loader, entry: entry.href },
  });
}

/**
 * Starts `entry` and resolves with the worker and its first message (its "ready" or failure report);
 * rejects, terminating the worker, if it errors or exits first (`exitError` says why).
 */
export function startTsWorkerReady<M>(
  entry: URL,
  data: object,
  exitError: (code: number) => Error,
): Promise<{ worker: Worker; first: M }> {
  const worker = startTsWorker(entry, data);
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      void worker.terminate();
      reject(error);
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(exitError(code)));
    worker.once('message', (first: M) => {
      worker.removeAllListeners('error').removeAllListeners('exit');
      resolve({ worker, first });
    });
  });
}
