import * as tf from '@tensorflow/tfjs';

/**
 * An independent copy of `model` (topology and weight values), through the in-memory IO handlers,
 * so training the copy never changes the original, on every platform.
 */
export async function cloneModel(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === undefined) throw new Error('cloneModel: the model did not serialize');
  return tf.loadLayersModel(tf.io.fromMemory(saved));
}

/**
 * Frees every weight of `owners` once (weights shared between them are freed once). Used for the
 * working copies of a teaching run, whose layers sit in several overlapping models, where layer
 * reference counts would free some weights twice and others never.
 */
export function disposeWeights(owners: readonly { readonly weights: readonly tf.LayerVariable[] }[]): void {
  const seen = new Set<number>();
  for (const owner of owners) {
    for (const weight of owner.weights) {
      if (seen.has(weight.id)) continue;
      seen.add(weight.id);
      weight.dispose();
    }
  }
}
