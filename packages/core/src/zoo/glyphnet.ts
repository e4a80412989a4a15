import * as tf from '@tensorflow/tfjs';
import { LayerSeeds, type BuildOptions } from './build-options';

/** Filters of the two pooled blocks and of the final convolution. */
const blockFilters = [32, 64] as const;
const finalFilters = 128;
/** BN statistics follow the weights faster than Keras' 0.99, which matters for runs of a few epochs. */
const batchNormMomentum = 0.9;
/** Below this input size 'valid' convolutions would shrink the map to nothing, so 'same' is used. */
const minValidInputSize = 20;

/**
 * Our default network, built for accuracy per byte and per millisecond on character images:
 * two blocks of [conv3×3 → batch-norm → ReLU] ×2 + 2×2 max-pooling with 32/64 filters, one more
 * conv3×3-BN-ReLU with 128 filters, then global average pooling → dropout .25 → softmax.
 *
 * Why this shape: stacked 3×3 convolutions with batch norm train fast and stably with Adam at a high
 * learning rate; global pooling replaces the large dense layer of the seed networks (2.4 M of the
 * thesis network's parameters), so ~140 k parameters (~0.55 MB float32) carry the accuracy.
 * 'valid' padding (for inputs of 20 px and more) drops the empty border of character images early:
 * 28×28 → 26 → 24 → 12 → 10 → 8 → 4, about 11 M multiply-adds per image, a third of the same
 * stack with 'same' padding — the difference between minutes and an hour per MNIST run on a CPU.
 * Convolutions have no bias (batch norm's beta plays that role).
 */
export function buildGlyphnet({ inputShape, numClasses, seed }: BuildOptions): tf.LayersModel {
  const seeds = new LayerSeeds(seed);
  const padding = Math.min(inputShape[0], inputShape[1]) >= minValidInputSize ? 'valid' : 'same';
  const model = tf.sequential({ name: 'glyphnet' });
  const addConv = (name: string, filters: number, convPadding: 'valid' | 'same', first = false) => {
    model.add(
      tf.layers.conv2d({
        name: `${name}_conv`,
        ...(first ? { inputShape: [...inputShape] } : {}),
        filters,
        kernelSize: 3,
        padding: convPadding,
        useBias: false,
        kernelInitializer: seeds.heNormal(),
      }),
    );
    model.add(tf.layers.batchNormalization({ name: `${name}_bn`, momentum: batchNormMomentum }));
    model.add(tf.layers.reLU({ name: `${name}_relu` }));
  };
  blockFilters.forEach((filters, blockIndex) => {
    const block = blockIndex + 1;
    addConv(`block${block}_1`, filters, padding, block === 1);
    addConv(`block${block}_2`, filters, padding);
    model.add(tf.layers.maxPooling2d({ name: `block${block}_pool`, poolSize: 2 }));
  });
  addConv('block3_1', finalFilters, 'same');
  model.add(tf.layers.globalAveragePooling2d({ name: 'global_pool' }));
  model.add(tf.layers.dropout({ name: 'dropout', rate: 0.25, seed: seeds.take() }));
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
