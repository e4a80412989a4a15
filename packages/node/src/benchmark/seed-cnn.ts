import * as tf from '@tensorflow/tfjs';

/**
 * The seed project's CNN exactly as the PyTorch peer builds it (torch-seed-cnn.py), so the two
 * engines are compared on the same network: conv32 3×3 → conv64 3×3 → max-pool 2 → dropout .25 →
 * dense128 → dropout .5 → dense10 softmax, input 28×28×1.
 */
export function buildSeedCnn(seed = 1): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const model = tf.sequential({ name: 'seed-cnn' });
  model.add(
    tf.layers.conv2d({
      inputShape: [28, 28, 1],
      filters: 32,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: init(1),
    }),
  );
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.dropout({ rate: 0.25, seed: seed + 3 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(4) }));
  model.add(tf.layers.dropout({ rate: 0.5, seed: seed + 5 }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(6) }));
  return model;
}
