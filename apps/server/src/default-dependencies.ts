import { decodeImage, encodePng } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import type { AppDependencies } from './app-dependencies';
import { DecodePool } from './images/decode-pool';
import { loadWorkerPoolRecognizer } from './inference/worker-pool-recognizer';

/** The production adapters, in-process: model folders from disk, images through sharp (@glyph/node). */
export const defaultDependencies: AppDependencies = {
  loadRecognizer: loadRecognizerFromFolder,
  decodeImage,
  encodePng,
};

/**
 * The production adapters: images decoded on decode threads (see `images/decode-pool.ts`), so the
 * main thread keeps answering HTTP whatever arrives, and inference on `threads` worker threads per
 * model (in-process when 0), so predictions use every core.
 */
export function productionDependencies(options: { threads: number; backend: string }): AppDependencies {
  // Started at once, in the background; the first decode waits for it.
  const pool = DecodePool.start();
  pool.catch(() => {}); // a failed start is reported by the decodes that wait for it
  return {
    ...defaultDependencies,
    decodeImage: async (bytes, decodeOptions) => (await pool).decode(bytes, decodeOptions),
    ...(options.threads > 0 && {
      loadRecognizer: (folder: string) => loadWorkerPoolRecognizer(folder, options),
    }),
  };
}
