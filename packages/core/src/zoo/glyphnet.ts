import * as tf from '@tensorflow/tfjs';
import { LayerSeeds, type BuildOptions } from './build-options';

/** Filters per block; each block is two conv3×3-BN-ReLU layers. */
const blockFilters = [32, 64, 128] as const;
/** BN statistics follow the weights faster than Keras' 0.99, which matters for runs of a few epochs. */
const batchNormMomentum = 0.9;

/**
 * Our default network, built for accuracy per byte and per millisecond on character images:
 * three blocks of [conv3×3 → batch-norm → ReLU] ×2 with 32/64/128 filters, 2×2 max-pooling after the
 * first two blocks, then global average pooling → dropout .25 → softmax.
 *
 * Why this shape: stacked 3×3 convolutions with batch norm train fast and stably with Adam at a
 * high learning rate; global pooling replaces the large dense layer of the seed networks (2.4 M of the
 * thesis network's parameters), so ~290 k parameters (~1.1 MB float32) carry the accuracy; 'same'
 * padding lets it run on any input of 4×4 pixels or more. Convolutions have no bias (batch norm's
 * beta plays that role).
 */
export function buildGlyphnet({ inputShape, numClasses, seed }: BuildOptions): tf.LayersModel {
  const seeds = new LayerSeeds(seed);
  const model = tf.sequential({ name: 'glyphnet' });
  blockFilters.forEach((filters, blockIndex) => {
    const block = blockIndex + 1;
    for (let conv = 1; conv <= 2; conv++) {
      model.add(
        tf.layers.conv2d({
          name: `block${block}_conv${conv}`,
          ...(block === 1 && conv === 1 ? { inputShape: [...inputShape] } : {}),
          filters,
          kernelSize: 3,
          padding: 'same',
          useBias: false,
          kernelInitializer: seeds.heNormal(),
        }),
      );
      model.add(
        tf.layers.batchNormalization({ name: `block${block}_bn${conv}`, momentum: batchNormMomentum }),
      );
      model.add(tf.layers.reLU({ name: `block${block}_relu${conv}` }));
    }
    if (block < blockFilters.length) {
      model.add(tf.layers.maxPooling2d({ name: `block${block}_pool`, poolSize: 2 }));
    }
  });
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
