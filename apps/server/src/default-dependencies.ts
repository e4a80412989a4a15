import { decodeImage, encodePng } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import type { AppDependencies } from './app-dependencies';
import { loadWorkerPoolRecognizer } from './inference/worker-pool-recognizer';

/** The production adapters, in-process: model folders from disk, images through sharp (@glyph/node). */
export const defaultDependencies: AppDependencies = {
  loadRecognizer: loadRecognizerFromFolder,
  decodeImage,
  encodePng,
};

/**
 * The production adapters with inference on `threads` worker threads per model (in-process when 0),
 * so predictions use every core while the main thread serves HTTP and decodes images.
 */
export function productionDependencies(options: { threads: number; backend: string }): AppDependencies {
  if (options.threads === 0) return defaultDependencies;
  return {
    ...defaultDependencies,
    loadRecognizer: (folder) => loadWorkerPoolRecognizer(folder, options),
  };
}
