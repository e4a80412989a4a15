// Entry point of the worker threads that the threaded build of tfjs-backend-wasm starts for its
// thread pool (see wasm-threads.ts). The package hands browsers its worker script as a Blob URL,
// which Node's worker_threads cannot load; this file loads the same script from the installed
// package, and points the worker's Blob URL of the main script at the installed file.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker entry, and the script it
   runs expects `require` in its global scope */
const { dirname, join } = require('node:path');

const packageDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const mainScript = join(packageDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
const { wasmWorkerContents } = require(
  join(packageDir, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'),
);

URL.createObjectURL = () => mainScript;
URL.revokeObjectURL = () => {};
// The worker script expects a CommonJS scope in global position (it is evaluated as a Blob there).
globalThis.require = require;
globalThis.__filename = __filename;
// Its source is kept as a template string whose "\n" escapes were turned into newlines; put them back.
(0, eval)(wasmWorkerContents.replace(/\n/g, '\\n'));
