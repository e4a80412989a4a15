import { decodeImage, encodePng } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import type { AppDependencies } from './app-dependencies';

/** The production adapters: model folders from disk, images through sharp (all from @glyph/node). */
export const defaultDependencies: AppDependencies = {
  loadRecognizer: loadRecognizerFromFolder,
  decodeImage,
  encodePng,
};
