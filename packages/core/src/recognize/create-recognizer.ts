import type * as tf from '@tensorflow/tfjs';
import type { ModelCalibration } from '../calibration/calibration-artifact';
import { judgeAnswer } from '../calibration/judge-answer';
import { applyTemperature } from '../calibration/temperature';
import { GlyphError } from '../errors/glyph-error';
import { compileNetwork } from '../inference/compile-network';
import type { RawImage } from '../image/raw-image';
import type { ModelMetadata } from '../model/metadata';
import { checkNetworkMatchesMetadata } from '../model/network-shape';
import type { InputShape } from '../preprocess/ink-recipes';
import { preprocess } from '../preprocess/preprocess';
import { preprocessSequence } from '../segment/preprocess-sequence';
import { DIGIT_SPLIT, LETTER_SPLIT } from '../segment/segment-characters';
import { charsetMask, isDigitModel } from './charset';
import { classifyBatch, classifyWithFeatures, type Network } from './classify';
import { readSequence } from './read-sequence';
import type { SequenceWeights } from './sequence-scoring';
import { SEQUENCE_WEIGHTS } from './sequence-weights';
import { resolveTop, topK } from './top-k';
import type {
  Recognition,
  RecognizeOptions,
  Recognizer,
  SequenceOptions,
  SequenceRecognition,
} from './types';

/**
 * Wraps a loaded network and its metadata into a Recognizer: the model's own preprocessing, one
 * forward pass per call, top-k labels. The recognizer owns the model: `dispose()` frees it. The
 * network runs compiled for inference (`compileNetwork`) when its layers allow, else through
 * `model.predict`; the model's weights must not change while the recognizer uses it.
 *
 * With a `calibration` (the model folder's `calibration.json`, fitted for this model), confidences
 * are calibrated (temperature scaling) and single-character answers carry `rejected` when the ink is
 * several characters, not a character, or the model is unsure. Several characters side by side are
 * flagged for every ink model, calibrated or not.
 *
 * Lines are read with `sequenceWeights` (the folder's `sequence-scorer.json`, see
 * `resolveSequenceWeights`), by default the scorer fitted on the shipped digits model.
 *
 * @public
 */
export function createRecognizer(
  model: tf.LayersModel,
  metadata: ModelMetadata,
  source = metadata.id,
  calibration?: ModelCalibration,
  sequenceWeights: SequenceWeights = SEQUENCE_WEIGHTS,
): Recognizer {
  const input: InputShape = metadata.input;
  checkNetworkMatchesMetadata(model, metadata, source);
  const { labels } = metadata;
  const ink = metadata.preprocessing.kind !== 'photo' && input.channels === 1;
  const compiled = compileNetwork(model);
  let disposed = false;
  const live = (): Network => {
    if (disposed)
      throw new GlyphError('BAD_USAGE', `Recognizer "${source}" was disposed; load the model again.`);
    return compiled ?? model;
  };

  const recognizeBatch = async (
    images: readonly RawImage[],
    options: RecognizeOptions = {},
  ): Promise<Recognition[]> => {
    const top = resolveTop(options.top);
    const prepared = images.map((image) => preprocess(image, metadata.preprocessing, input));
    const inked = prepared.filter((result) => !result.empty);
    const inputs = inked.map((result) => result.input);
    const { probabilities: rows, features } = calibration?.detector
      ? await classifyWithFeatures(live(), inputs, input)
      : { probabilities: await classifyBatch(live(), inputs, input), features: [] };
    let next = 0;
    return prepared.map((result): Recognition => {
      const debug = options.debug ? { input: result.input } : {};
      if (result.empty) return { empty: true, predictions: [], ...debug };
      const row = next++;
      const probabilities = calibration ? applyTemperature(rows[row], calibration.temperature) : rows[row];
      const rejected = judgeAnswer(
        {
          ...(result.extraction && { extraction: result.extraction }),
          input: result.input,
          width: input.width,
          height: input.height,
          probabilities,
          features: features[row] ?? [],
        },
        calibration,
        ink,
      );
      return {
        empty: false,
        predictions: topK(probabilities, labels, top),
        ...(rejected && { rejected }),
        ...debug,
      };
    });
  };

  const recognizeSequence = async (
    image: RawImage,
    options: SequenceOptions = {},
  ): Promise<SequenceRecognition> => {
    const top = resolveTop(options.top);
    const charset = options.charset ?? 'all';
    const mask = charsetMask(labels, charset);
    const split = charset === 'digits' || isDigitModel(labels) ? DIGIT_SPLIT : LETTER_SPLIT;
    const prepared = preprocessSequence(image, metadata.preprocessing, input, split);
    const classify = (inputs: readonly Float32Array[]) => classifyBatch(live(), inputs, input);
    return readSequence(prepared, classify, labels, mask, {
      top,
      debug: options.debug === true,
      weights: sequenceWeights,
    });
  };

  return {
    metadata,
    ...(calibration && { calibration }),
    recognize: async (image, options) => (await recognizeBatch([image], options))[0],
    recognizeBatch,
    recognizeSequence,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      compiled?.dispose();
      model.dispose();
    },
  };
}
