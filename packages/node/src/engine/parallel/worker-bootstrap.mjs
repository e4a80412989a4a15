// Worker threads start from this plain module: it registers the TypeScript loader, then imports the
// real entry (workerData.entry). Passing `--import tsx` through execArgv does not reach the entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
