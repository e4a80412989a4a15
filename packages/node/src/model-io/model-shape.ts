import type * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import { assertLabelsMatchOutputs, type ModelMetadata } from '@glyph/core/model';

/** Output units and `[height, width, channels]` input of a single-input, single-output classifier. */
export function classifierShape(model: tf.LayersModel): { outputUnits: number; input: (number | null)[] } {
  const output = model.outputs[0].shape;
  const input = model.inputs[0].shape.slice(1);
  return { outputUnits: output[output.length - 1] ?? 0, input };
}

/** Fails when metadata and network disagree on labels (output units) or input size. */
export function assertMetadataMatchesModel(
  metadata: ModelMetadata,
  model: tf.LayersModel,
  source: string,
): void {
  const { outputUnits, input } = classifierShape(model);
  assertLabelsMatchOutputs(metadata, outputUnits, source);
  const [height, width, channels] = input;
  const expected = metadata.input;
  if (height !== expected.height || width !== expected.width || channels !== expected.channels) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: metadata.json says the input is ${expected.width}×${expected.height}×${expected.channels} ` +
        `but the network takes ${width}×${height}×${channels}. Re-export the model so the two agree.`,
    );
  }
}
