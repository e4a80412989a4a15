import type * as tf from '@tensorflow/tfjs';
import { GlyphError } from '../errors/glyph-error';
import { compileNetwork } from '../inference/compile-network';
import type { RawImage } from '../image/raw-image';
import type { ModelMetadata } from '../model/metadata';
import { assertLabelsMatchOutputs } from '../model/parse-metadata';
import type { InputShape } from '../preprocess/ink-recipes';
import { preprocess } from '../preprocess/preprocess';
import { preprocessSequence } from '../segment/preprocess-sequence';
import { DIGIT_SPLIT, LETTER_SPLIT } from '../segment/segment-characters';
import { charsetMask, isDigitModel } from './charset';
import { classifyBatch, type Network } from './classify';
import { readSequence } from './read-sequence';
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
 */
export function createRecognizer(
  model: tf.LayersModel,
  metadata: ModelMetadata,
  source = metadata.id,
): Recognizer {
  const input: InputShape = metadata.input;
  assertInputMatches(model, input, source);
  assertLabelsMatchOutputs(metadata, outputUnits(model), source);
  const { labels } = metadata;
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
    const rows = await classifyBatch(
      live(),
      inked.map((result) => result.input),
      input,
    );
    let next = 0;
    return prepared.map((result) => ({
      empty: result.empty,
      predictions: result.empty ? [] : topK(rows[next++], labels, top),
      ...(options.debug ? { input: result.input } : {}),
    }));
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
    return readSequence(prepared, classify, labels, mask, { top, debug: options.debug === true });
  };

  return {
    metadata,
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

function outputUnits(model: tf.LayersModel): number {
  const shape = model.outputs[0].shape;
  return shape[shape.length - 1] ?? 0;
}

function assertInputMatches(model: tf.LayersModel, input: InputShape, source: string): void {
  const [, height, width, channels] = model.inputs[0].shape;
  if (height !== input.height || width !== input.width || channels !== input.channels) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: metadata.json says the input is ${input.width}×${input.height}×${input.channels} but the network takes ${String(width)}×${String(height)}×${String(channels)}. Fix metadata.input or re-export the model.`,
    );
  }
}
