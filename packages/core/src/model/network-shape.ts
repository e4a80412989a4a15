import type * as tf from '@tensorflow/tfjs';
import { GlyphError } from '../errors/glyph-error';
import { assertLabelsMatchOutputs } from './parse-metadata';

/** What a classifier network takes and gives, once checked against its metadata. */
export interface NetworkShape {
  /** One input image (batch axis dropped): exactly the metadata's `input`. */
  readonly input: { readonly width: number; readonly height: number; readonly channels: number };
  /** Units of the single output vector: as many as the metadata's labels. */
  readonly outputUnits: number;
}

/** The parts of `metadata.json` a network must agree with (a report's model record has them too). */
export interface NetworkDescription {
  readonly labels: readonly string[];
  readonly input: NetworkShape['input'];
}

/**
 * The one check that a network is the classifier its `metadata.json` describes, run before any work
 * with it (loading a model folder, a zip's artifacts, a recognizer, an evaluation): one input and one
 * output, the output a vector whose units `labels` name in order, the input `[height, width,
 * channels]` exactly `metadata.input`. Fails with MODEL_INVALID naming `source` and the fix.
 */
export function checkNetworkMatchesMetadata(
  model: tf.LayersModel,
  metadata: NetworkDescription,
  source: string,
): NetworkShape {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: the network has ${model.inputs.length} inputs and ${model.outputs.length} outputs; a classifier needs exactly one of each.`,
    );
  }
  const outputDims = model.outputs[0].shape.slice(1);
  const outputUnits = outputDims[0];
  if (outputDims.length !== 1 || typeof outputUnits !== 'number') {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: the network's output [${outputDims.map(dim).join(', ')}] must be one vector of class probabilities of a fixed size. Export the classifier, not an intermediate layer.`,
    );
  }
  assertLabelsMatchOutputs(metadata, outputUnits, source);
  const { input } = metadata;
  const inputDims = model.inputs[0].shape.slice(1);
  const [height, width, channels] = inputDims;
  if (
    inputDims.length !== 3 ||
    height !== input.height ||
    width !== input.width ||
    channels !== input.channels
  ) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: metadata.json says the input is ${input.width}×${input.height}×${input.channels} but the network takes ${describeInput(inputDims)}. Fix metadata.input or re-export the model.`,
    );
  }
  return { input: { width: input.width, height: input.height, channels: input.channels }, outputUnits };
}

/** `28×28×1` (width×height×channels, as metadata writes it) or the raw dims when not an image. */
function describeInput(dims: readonly (number | null)[]): string {
  if (dims.length !== 3) return `[${dims.map(dim).join(', ')}]`;
  const [height, width, channels] = dims;
  return `${dim(width)}×${dim(height)}×${dim(channels)}`;
}

function dim(size: number | null): string {
  return size === null ? '?' : String(size);
}
