import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import { parseBackboneMetadata, type BackboneMetadata } from '@glyph/core/model';
import { FileIoHandler, modelJsonName } from '../model-io/file-io-handler';
import { resolveBackboneDir } from './backbone-dir';
import { buildPackagedBackbone } from './build-packaged-backbone';
import { disposeDroppedLayers, featureModel } from './feature-model';
import { packagedBackbone, packagedBackbones, type PackagedBackbone } from './packaged-backbones';
import { describeUserBackbone } from './user-backbone';

export interface LoadedBackbone {
  /** Image in (model input, pixels scaled as `metadata.preprocessing` says), feature vector out. */
  readonly model: tf.LayersModel;
  readonly metadata: BackboneMetadata;
}

/**
 * A backbone by reference: a packaged id (`mobilenet-v2`, built from its npm package on first use,
 * never downloaded), a folder or `model.json` path, or an http(s) URL of a TF.js LayersModel. A
 * folder or URL with backbone `metadata.json` beside `model.json` is used as described there; any
 * other LayersModel (a TF Hub MobileNet, a Teachable Machine export) is cut before its classifier.
 */
export async function loadBackbone(
  reference: string,
  backboneDir = resolveBackboneDir(),
): Promise<LoadedBackbone> {
  const packaged = packagedBackbone(reference);
  if (packaged) {
    const folder = join(backboneDir, packaged.id);
    if (!(await isCurrent(join(folder, 'metadata.json'), packaged)))
      await buildPackagedBackbone(packaged, folder);
    return loadFromUrlOrPath(join(folder, modelJsonName), reference);
  }
  if (/^https?:\/\//i.test(reference)) {
    const url = reference.endsWith('.json') ? reference : `${reference.replace(/\/$/, '')}/${modelJsonName}`;
    return loadFromUrlOrPath(url, reference);
  }
  const path = resolve(reference);
  if (!(await exists(path))) {
    throw new GlyphError(
      'MODEL_NOT_FOUND',
      `--backbone ${reference}: no such backbone. Name a packaged one (${packagedBackbones.map((b) => b.id).join(', ')}), a folder or model.json of a TF.js LayersModel, or an http(s) URL of one.`,
    );
  }
  const modelPath = path.endsWith('.json') ? path : join(path, modelJsonName);
  return loadFromUrlOrPath(modelPath, reference);
}

async function loadFromUrlOrPath(modelUrl: string, reference: string): Promise<LoadedBackbone> {
  const remote = /^https?:\/\//i.test(modelUrl);
  const modelJson = await readJson(modelUrl, reference);
  if (modelJson?.format === 'graph-model' || modelJson?.modelTopology?.node) {
    throw new GlyphError(
      'MODEL_INVALID',
      `--backbone ${reference} is a TF.js GraphModel; transfer learning needs a LayersModel (Keras format), whose layers can be cut and fine-tuned. Export or convert the model as a LayersModel.`,
    );
  }
  if (!modelJson?.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new GlyphError(
      'MODEL_INVALID',
      `--backbone ${reference}: ${modelUrl} is not a TF.js LayersModel model.json (it needs "modelTopology" and "weightsManifest").`,
    );
  }
  let full: tf.LayersModel;
  try {
    full = await tf.loadLayersModel(remote ? modelUrl : new FileIoHandler(modelUrl));
  } catch (error) {
    throw new GlyphError(
      'MODEL_INVALID',
      `--backbone ${reference} could not be loaded as a TF.js LayersModel (${(error as Error).message}). Check that its weight files are present and complete.`,
      { cause: error },
    );
  }
  const metadataUrl = modelUrl.replace(/[^/]+$/, 'metadata.json');
  const described = await readJson(metadataUrl, reference, true);
  try {
    if (described?.task === 'backbone') {
      const metadata = parseBackboneMetadata(described, metadataUrl.replace(/\/metadata\.json$/, ''));
      const model = featureModel(full, metadata.features);
      assertBackboneInput(model, reference);
      disposeDroppedLayers(full, model);
      return { model, metadata };
    }
    const { model, metadata } = describeUserBackbone(full, reference);
    assertBackboneInput(model, reference);
    disposeDroppedLayers(full, model);
    return { model, metadata };
  } catch (error) {
    full.dispose();
    throw error;
  }
}

function assertBackboneInput(model: tf.LayersModel, reference: string): void {
  const shape = model.inputs[0].shape;
  if (model.inputs.length !== 1 || shape.length !== 4 || shape[3] !== 3) {
    throw new GlyphError(
      'SHAPE_MISMATCH',
      `--backbone ${reference} takes input [${shape.map((d) => d ?? 'any').join(', ')}]; a backbone must take one batch of colour images [batch, height, width, 3].`,
    );
  }
}

/** The fields of a model.json (or metadata.json) that decide what kind of file it is. */
interface JsonFile {
  readonly format?: string;
  readonly task?: string;
  readonly modelTopology?: { readonly node?: unknown };
  readonly weightsManifest?: unknown;
}

async function readJson(url: string, reference: string, optional = false): Promise<JsonFile | undefined> {
  try {
    if (/^https?:\/\//i.test(url)) {
      const response = await fetch(url);
      if (!response.ok) {
        if (optional) return undefined;
        throw new Error(`HTTP ${response.status} ${response.statusText}`);
      }
      return JSON.parse(await response.text()) as JsonFile;
    }
    if (optional && !(await exists(url))) return undefined;
    return JSON.parse(await readFile(url, 'utf8')) as JsonFile;
  } catch (error) {
    if (optional) return undefined;
    throw new GlyphError(
      'MODEL_INVALID',
      `--backbone ${reference}: could not read ${url} as a TF.js model.json (${(error as Error).message}).`,
      { cause: error },
    );
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A built packaged backbone whose metadata matches today's recipe (else it is built again). */
async function isCurrent(metadataPath: string, packaged: PackagedBackbone): Promise<boolean> {
  try {
    const built = JSON.parse(await readFile(metadataPath, 'utf8')) as {
      fineTuneFrom?: string;
      preprocessing?: { resize?: string };
    };
    return built.fineTuneFrom === packaged.fineTuneFrom && built.preprocessing?.resize === packaged.resize;
  } catch {
    return false;
  }
}
