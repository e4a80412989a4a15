import * as tf from '@tensorflow/tfjs';
import {
  CALIBRATION_FILE,
  calibrationMatches,
  parseCalibration,
  type ModelCalibration,
} from '../calibration/calibration-artifact';
import { GlyphError, isGlyphError } from '../errors/glyph-error';
import { resolveSequenceWeights, SEQUENCE_SCORER_FILE } from '../sequence-scorer/sequence-scorer-artifact';
import { parseModelMetadata } from '../model/parse-metadata';
import { createRecognizer } from './create-recognizer';
import type { Recognizer } from './types';

/**
 * Loads a Recognizer from a TF.js model (`model.json` URL with any registered scheme — http(s),
 * `indexeddb://`, `file://` where a handler is registered — or an IOHandler such as
 * `tf.io.fromMemory`) and the parsed `metadata.json` beside it, plus the parsed `calibration.json`
 * and `sequence-scorer.json` when the folder has them (each ignored when it was fitted for another
 * version of the model).
 *
 * @public
 */
export async function loadRecognizer(
  model: string | tf.io.IOHandler,
  metadataJson: unknown,
  source = typeof model === 'string' ? model : 'model',
  calibrationJson?: unknown,
  sequenceScorerJson?: unknown,
): Promise<Recognizer> {
  const metadata = parseModelMetadata(metadataJson, source);
  let calibration: ModelCalibration | undefined;
  if (calibrationJson !== undefined) {
    const parsed = parseCalibration(calibrationJson, source);
    if (calibrationMatches(parsed, metadata)) calibration = parsed;
  }
  const { weights } = resolveSequenceWeights(sequenceScorerJson, metadata, source);
  let network: tf.LayersModel;
  try {
    network = await tf.loadLayersModel(model);
  } catch (error) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: the network could not be loaded (${error instanceof Error ? error.message : String(error)}). Check that model.json and its weight files are complete.`,
      { cause: error },
    );
  }
  try {
    return createRecognizer(network, metadata, source, calibration, weights);
  } catch (error) {
    network.dispose();
    throw isGlyphError(error) ? error : new GlyphError('MODEL_INVALID', String(error), { cause: error });
  }
}

/**
 * Loads a model folder served over a URL (`<folderUrl>/model.json` and `<folderUrl>/metadata.json`),
 * fetching through TF.js's platform layer so the same call works in the browser and in Node.
 *
 * @public
 */
export async function loadRecognizerFromUrl(folderUrl: string): Promise<Recognizer> {
  const base = folderUrl.replace(/\/+$/, '');
  let metadataJson: unknown;
  try {
    const response = await tf.util.fetch(`${base}/metadata.json`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    metadataJson = await response.json();
  } catch (error) {
    throw new GlyphError(
      'MODEL_NOT_FOUND',
      `${base}/metadata.json could not be read (${error instanceof Error ? error.message : String(error)}). Check the model URL.`,
      { cause: error },
    );
  }
  const [calibrationJson, sequenceScorerJson] = await Promise.all([
    fetchOptionalJson(`${base}/${CALIBRATION_FILE}`),
    fetchOptionalJson(`${base}/${SEQUENCE_SCORER_FILE}`),
  ]);
  return loadRecognizer(`${base}/model.json`, metadataJson, base, calibrationJson, sequenceScorerJson);
}

/** An optional file of the folder, parsed, or undefined when it has none (or it cannot be read). */
async function fetchOptionalJson(url: string): Promise<unknown> {
  try {
    const response = await tf.util.fetch(url);
    return response.ok ? await response.json() : undefined;
  } catch {
    // Both files are optional: without calibration the model's raw confidences, without a sequence
    // scorer the default one.
    return undefined;
  }
}
