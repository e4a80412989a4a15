import { createRecognizer, type Recognizer } from '@glyph/core/recognize';
import { loadModelFolder } from '../model-io/load-model-folder';

/**
 * A Recognizer for a model folder on disk (`model.json`, weights, `metadata.json`), checked by
 * `loadModelFolder` before use. The recognizer owns the network: call `dispose()` when done.
 */
export async function loadRecognizerFromFolder(directory: string): Promise<Recognizer> {
  const { model, metadata, directory: folder } = await loadModelFolder(directory);
  try {
    return createRecognizer(model, metadata, folder);
  } catch (error) {
    model.dispose();
    throw error;
  }
}
