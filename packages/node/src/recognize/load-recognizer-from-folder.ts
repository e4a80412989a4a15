import { createRecognizer, type Recognizer } from '@glyph/core/recognize';
import { readModelFolder } from '../model-io/load-model-folder';
import { readCalibration } from './read-calibration';
import { readSequenceScorer } from './read-sequence-scorer';

/**
 * A Recognizer for a model folder on disk (`model.json`, weights, `metadata.json`), checked against
 * its metadata once, by `createRecognizer`, calibrated by the folder's `calibration.json` and reading
 * lines with its `sequence-scorer.json` when they were fitted for this model. The recognizer owns the
 * network: call `dispose()` when done.
 *
 * @public
 */
export async function loadRecognizerFromFolder(directory: string): Promise<Recognizer> {
  const { model, metadata, directory: folder } = await readModelFolder(directory);
  try {
    const { calibration } = await readCalibration(folder, metadata);
    const { weights } = await readSequenceScorer(folder, metadata);
    return createRecognizer(model, metadata, folder, calibration, weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
}
