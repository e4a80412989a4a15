import * as tf from '@tensorflow/tfjs';
import { LayerSeeds, type BuildOptions } from './build-options';

/**
 * The thesis network as published: conv32 3×3 → conv32 3×3 → maxpool 2 → dropout .25 → dense512 →
 * dropout .5 → softmax. Its dense layer holds most of its ~2.4 M parameters.
 */
export function buildSeedThesis({ inputShape, numClasses, seed }: BuildOptions): tf.LayersModel {
  const seeds = new LayerSeeds(seed);
  const model = tf.sequential({ name: 'seed-thesis' });
  model.add(
    tf.layers.conv2d({
      name: 'conv1',
      inputShape: [...inputShape],
      filters: 32,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: seeds.glorotUniform(),
    }),
  );
  model.add(
    tf.layers.conv2d({
      name: 'conv2',
      filters: 32,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: seeds.glorotUniform(),
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  model.add(tf.layers.dropout({ name: 'dropout1', rate: 0.25, seed: seeds.take() }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(
    tf.layers.dense({
      name: 'dense1',
      units: 512,
      activation: 'relu',
      kernelInitializer: seeds.glorotUniform(),
    }),
  );
  model.add(tf.layers.dropout({ name: 'dropout2', rate: 0.5, seed: seeds.take() }));
  model.add(
    tf.layers.dense({
      name: 'output',
      units: numClasses,
      activation: 'softmax',
      kernelInitializer: seeds.glorotUniform(),
    }),
  );
  return model;
}
