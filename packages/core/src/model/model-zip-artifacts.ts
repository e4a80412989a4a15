import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '../errors/glyph-error';
import type { ModelMetadata } from './metadata';
import { checkNetworkMatchesMetadata } from './network-shape';

/**
 * The artifacts `model.save` would write (topology, weight specs, weight bytes), captured in memory
 * instead of written anywhere: what `zipModelFolder` packs. Optimizer state is not included.
 */
export async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (captured === undefined) throw new GlyphError('INTERNAL', 'model.save did not hand over its artifacts.');
  return captured;
}

/**
 * A LayersModel from in-memory artifacts (e.g. `unzipModelFolder`'s), checked against the
 * metadata by `checkNetworkMatchesMetadata` (labels = output units, input = `metadata.input`). The
 * caller owns (and disposes) the model.
 */
export async function loadModelFromArtifacts(
  artifacts: tf.io.ModelArtifacts,
  metadata: ModelMetadata,
  source: string,
): Promise<tf.LayersModel> {
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new GlyphError(
      'MODEL_INVALID',
      `${source}: model.json could not be built as a TF.js layers model (${(error as Error).message}). Expected a model saved by TF.js or \`glyph train\`; export it again.`,
      { cause: error },
    );
  }
  try {
    checkNetworkMatchesMetadata(model, metadata, source);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

interface LayerJson {
  class_name?: string;
  config?: { name?: string; units?: unknown; filters?: unknown };
  name?: string;
  inbound_nodes?: unknown;
}

/** Layers whose output has as many units (last axis) as their input. */
const unitPreservingLayers = new Set([
  'Activation',
  'Softmax',
  'ReLU',
  'LeakyReLU',
  'PReLU',
  'ELU',
  'ThresholdedReLU',
  'Dropout',
  'AlphaDropout',
  'GaussianDropout',
  'GaussianNoise',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'BatchNormalization',
  'LayerNormalization',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling1D',
  'GlobalMaxPooling2D',
]);

/**
 * The output units of a layers-model topology (`model.json`'s `modelTopology`), read without
 * building the network: the `units` (or `filters`) of the output layer, looking through layers that
 * keep the width (activations, dropout, normalisation, global pooling). `undefined` when the topology
 * has another shape (the check then happens when the network is built).
 */
export function topologyOutputUnits(topology: unknown): number | undefined {
  const root = asObject(topology);
  const model = asObject(root?.model_config) ?? root;
  const config = model?.config;
  const layers = (Array.isArray(config) ? config : asObject(config)?.layers) as LayerJson[] | undefined;
  if (!Array.isArray(layers) || layers.length === 0) return undefined;
  const outputLayers = asObject(config)?.output_layers;
  const byName = new Map(layers.map((layer) => [layer.name ?? layer.config?.name, layer]));
  let layer: LayerJson | undefined = Array.isArray(outputLayers)
    ? byName.get(String((outputLayers as unknown[][])[0]?.[0]))
    : layers[layers.length - 1];
  for (let steps = 0; layer !== undefined && steps < layers.length; steps += 1) {
    const width = layer.config?.units ?? layer.config?.filters;
    if (typeof width === 'number') return width;
    if (!unitPreservingLayers.has(layer.class_name ?? '')) return undefined;
    layer = Array.isArray(outputLayers) ? byName.get(inboundName(layer)) : layers[layers.indexOf(layer) - 1];
  }
  return undefined;
}

/** The name of a functional layer's first input layer (`inbound_nodes[0][0][0]`). */
function inboundName(layer: LayerJson): string | undefined {
  const nodes = layer.inbound_nodes as unknown[][][] | undefined;
  const first = nodes?.[0]?.[0]?.[0];
  return typeof first === 'string' ? first : undefined;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const bytesPerElement: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** How many weight bytes a manifest's specs describe (quantized specs count their stored dtype). */
export function weightByteLength(specs: readonly tf.io.WeightsManifestEntry[]): number {
  let total = 0;
  for (const spec of specs) {
    const elements = spec.shape.reduce((product, size) => product * size, 1);
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const size = bytesPerElement[dtype];
    if (size === undefined) {
      throw new GlyphError(
        'MODEL_INVALID',
        `Weight "${spec.name}" has dtype ${dtype}, which a Glyph model folder cannot hold. Expected float32, int32 or bool weights (optionally float16/uint8 quantized).`,
      );
    }
    total += elements * size;
  }
  return total;
}
