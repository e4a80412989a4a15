import type * as tf from '@tensorflow/tfjs';
import { GlyphError } from '../errors/glyph-error';

/** What a classifier network takes and gives, read from its layers (batch dimension dropped). */
export interface ModelShape {
  /** Input dimensions without the batch axis, e.g. `[28, 28, 1]` or `[784]` for a flat input. */
  readonly inputDims: readonly number[];
  readonly outputUnits: number;
}

/** Reads the single input and output of a classifier; `source` names the model in errors. */
export function readModelShape(model: tf.LayersModel, source: string): ModelShape {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: the network has ${model.inputs.length} inputs and ${model.outputs.length} outputs; a classifier needs exactly one of each.`,
    );
  }
  const inputDims = model.inputs[0].shape.slice(1);
  const outputDims = model.outputs[0].shape.slice(1);
  if (inputDims.some((d) => d === null) || outputDims.length !== 1 || outputDims[0] === null) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: the network's input [${inputDims.join(', ')}] and output [${outputDims.join(', ')}] must have fixed sizes, with one output vector of class probabilities.`,
    );
  }
  return { inputDims: inputDims as number[], outputUnits: outputDims[0] as number };
}
