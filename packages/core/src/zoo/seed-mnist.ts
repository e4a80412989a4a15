import * as tf from '@tensorflow/tfjs';
import { LayerSeeds, type BuildOptions } from './build-options';

/**
 * The TF.js article's MNIST network as published: conv32 5×5 → maxpool 2 → conv32 3×3 → maxpool 2 →
 * dropout .2 → dense128 → softmax.
 */
export function buildSeedMnist({ inputShape, numClasses, seed }: BuildOptions): tf.LayersModel {
  const seeds = new LayerSeeds(seed);
  const model = tf.sequential({ name: 'seed-mnist' });
  model.add(
    tf.layers.conv2d({
      name: 'conv1',
      inputShape: [...inputShape],
      filters: 32,
      kernelSize: 5,
      activation: 'relu',
      kernelInitializer: seeds.glorotUniform(),
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  model.add(
    tf.layers.conv2d({
      name: 'conv2',
      filters: 32,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: seeds.glorotUniform(),
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }));
  model.add(tf.layers.dropout({ name: 'dropout1', rate: 0.2, seed: seeds.take() }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(
    tf.layers.dense({
      name: 'dense1',
      units: 128,
      activation: 'relu',
      kernelInitializer: seeds.glorotUniform(),
    }),
  );
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
