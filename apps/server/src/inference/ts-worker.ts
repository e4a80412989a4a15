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
