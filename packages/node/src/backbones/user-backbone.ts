import { createHash } from 'node:crypto';
import type * as tf from '@tensorflow/tfjs';
import type { BackboneMetadata } from '@glyph/core/model';
import { featureModel } from './feature-model';

/** Input size for a backbone that accepts any size (TF Hub models often do). */
const DEFAULT_SIDE = 224;

/**
 * A LayersModel with no backbone metadata, as a backbone: a classifier (last layer a softmax Dense)
 * is cut before that layer; otherwise its output is the feature vector. Pixels go in as [0,1]; a
 * model that wants other scaling says so with a backbone `metadata.json` beside its `model.json`.
 */
export function describeUserBackbone(
  full: tf.LayersModel,
  reference: string,
): { model: tf.LayersModel; metadata: BackboneMetadata } {
  const last = full.layers[full.layers.length - 1];
  const config = last.getConfig() as { activation?: string };
  const cut = last.getClassName() === 'Dense' && config.activation === 'softmax' && full.layers.length > 1;
  const features = cut ? full.layers[full.layers.length - 2].name : last.name;
  const model = featureModel(full, features);
  const [, height, width] = model.inputs[0].shape;
  const digest = createHash('sha256');
  for (const weight of model.getWeights())
    digest.update(Buffer.from((weight.dataSync() as Float32Array).buffer));
  const metadata: BackboneMetadata = {
    id: idFrom(reference),
    name: `${reference} (up to layer ${features})`,
    task: 'backbone',
    input: { width: width ?? DEFAULT_SIDE, height: height ?? DEFAULT_SIDE, channels: 3 },
    preprocessing: { kind: 'photo' },
    features,
    featureSize: model.outputs[0].shape[1] as number,
    source: reference,
    licence: 'unknown (user-supplied model; check its licence before shipping)',
    sha256: digest.digest('hex'),
    createdAt: new Date().toISOString(),
    version: '1',
  };
  return { model, metadata };
}

function idFrom(reference: string): string {
  const base =
    reference
      .replace(/\/(model\.json)?$/, '')
      .split('/')
      .pop() ?? 'backbone';
  const id = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return id === '' ? 'backbone' : id;
}
