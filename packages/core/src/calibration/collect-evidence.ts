import type * as tf from '@tensorflow/tfjs';
import type { CompiledNetwork } from '../inference/compile-network';
import type { InputShape } from '../preprocess/ink-recipes';
import { classifyWithFeatures } from '../recognize/classify';

/** Per image: the model input, the raw probabilities and the penultimate features of one pass. */
export interface Evidence {
  readonly inputs: Float32Array[];
  readonly probabilities: Float32Array[];
  readonly features: Float32Array[];
}

/** Runs prepared inputs through the network in batches of `batchSize`, keeping what calibration needs. */
export async function collectEvidence(
  network: tf.LayersModel | CompiledNetwork,
  inputs: readonly Float32Array[],
  shape: InputShape,
  batchSize = 256,
): Promise<Evidence> {
  const evidence: Evidence = { inputs: [...inputs], probabilities: [], features: [] };
  for (let start = 0; start < inputs.length; start += batchSize) {
    const batch = inputs.slice(start, start + batchSize);
    const { probabilities, features } = await classifyWithFeatures(network, batch, shape);
    evidence.probabilities.push(...probabilities);
    evidence.features.push(...(features.length > 0 ? features : batch.map(() => new Float32Array(0))));
  }
  return evidence;
}
