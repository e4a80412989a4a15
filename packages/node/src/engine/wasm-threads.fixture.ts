// Run by wasm-threads.test.ts as a script of its own: it must end by itself once its work is done,
// though the wasm backend's thread pool is still alive.
import * as tf from '@tensorflow/tfjs';
import { initNodeEngine } from './init-node-engine';

const engine = await initNodeEngine({ threads: 2 });
const output = tf.tidy(() =>
  tf.conv2d(tf.ones([1, 8, 8, 4]) as tf.Tensor4D, tf.ones([3, 3, 4, 8]) as tf.Tensor4D, 1, 'same'),
);
output.dataSync();
output.dispose();
console.log(`threads ${engine.threads}`);
