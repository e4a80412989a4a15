import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// Worker entries are TypeScript: the thread registers tsx's ESM loader first, then imports the
// entry. (`--import tsx` in execArgv does not reach an entry started this way.)
const bootstrap = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then(({ register }) => { register(); return import(workerData.entry); });
`;
// The ESM build of tsx's API (require.resolve finds its CommonJS twin beside it).
const loader = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;

/** A worker thread running the TypeScript module `entry`; `workerData` reaches it unchanged. */
export function startTsWorker(entry: URL, workerData: object): Worker {
  return new Worker(bootstrap, {
    eval: true,
    execArgv: [],
    workerData: { ...workerData, loader, entry: entry.href },
  });
}
