// A project's model in and out of the browser as a Glyph model folder zip: download, upload to a
// server that allows it, import. Loaded lazily (it pulls in TF.js through the zip code).
import type * as tf from '@tensorflow/tfjs';
import { loadModelFromArtifacts, zipModelFolder } from '@glyph/core/model';
import { uploadModelZip } from '../api/api-client';
import type { ModelUploadAnswer } from '../api/api-types';
import { downloadZip } from '../model-files/download-model-zip';
import { readModelZip } from '../model-files/read-model-zip';
import { newProject } from './new-project';
import type { Project, StoredModel } from './project-types';

function artifactsOf(stored: StoredModel): tf.io.ModelArtifacts {
  return {
    modelTopology: stored.modelTopology,
    weightSpecs: [...stored.weightSpecs] as tf.io.WeightsManifestEntry[],
    weightData: stored.weightData,
  };
}

/** The model folder zip, with the held-out report beside it when there is one. */
export function storedModelZip(stored: StoredModel): Uint8Array {
  const extras: Record<string, string> = {};
  if (stored.report) extras['report/report.json'] = JSON.stringify(stored.report, null, 2);
  return zipModelFolder(artifactsOf(stored), stored.metadata, extras);
}

export function downloadStoredModel(stored: StoredModel): void {
  downloadZip(storedModelZip(stored), `${stored.metadata.id}.zip`);
}

export function uploadStoredModel(stored: StoredModel, replace: boolean): Promise<ModelUploadAnswer> {
  return uploadModelZip(stored.metadata.id, storedModelZip(stored), { replace });
}

/**
 * A new project holding the model of a zip file (checked by building its network): its labels, no
 * samples yet. Throws a GlyphError naming the file when it is not a Glyph model folder zip.
 */
export async function importModelProject(file: File): Promise<{ project: Project; model: StoredModel }> {
  const { artifacts, metadata } = await readModelZip(file);
  const network = await loadModelFromArtifacts(artifacts, metadata, file.name);
  network.dispose();
  const project = newProject(metadata.name, 'symbols', metadata.labels, null);
  const { modelTopology, weightSpecs, weightData } = artifacts;
  if (!modelTopology || modelTopology instanceof ArrayBuffer || !weightData || Array.isArray(weightData)) {
    throw new Error(`${file.name}: the model's artifacts are not in the expected form.`);
  }
  const model: StoredModel = {
    projectId: project.id,
    modelTopology,
    weightSpecs: weightSpecs ?? [],
    weightData,
    metadata,
    history: [],
    trainedAt: metadata.createdAt,
    seconds: metadata.training.seconds,
    sampleCount: 0,
  };
  return { project, model };
}
