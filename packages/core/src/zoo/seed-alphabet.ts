import * as tf from '@tensorflow/tfjs';
import { LayerSeeds, type BuildOptions } from './build-options';

/**
 * The alphabet article's network, kept as published so its 93.42% can be reproduced:
 * conv32 3×3 → maxpool 2 → conv32 3×3 → maxpool 2 → dense128 → softmax (on 32×32×3 images).
 */
export function buildSeedAlphabet({ inputShape, numClasses, seed }: BuildOptions): tf.LayersModel {
  const seeds = new LayerSeeds(seed);
  const model = tf.sequential({ name: 'seed-alphabet' });
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
