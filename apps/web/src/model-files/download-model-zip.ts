// Export a browser-trained model as a Glyph model folder zip (what `glyph predict`/`serve` load).
import type * as tf from '@tensorflow/tfjs';
import { modelArtifacts, zipModelFolder, type ModelMetadata } from '@glyph/core/model';

/**
 * The zip of a model folder for `model`: `<id>/model.json`, its weights and `metadata.json`, plus
 * `extras` (e.g. `calibration.json`) by path. Throws a GlyphError (MODEL_INVALID) when the metadata
 * is invalid or its labels do not name the network's outputs.
 */
export async function modelFolderZip(
  model: tf.LayersModel,
  metadata: ModelMetadata,
  extras?: Record<string, Uint8Array | string>,
): Promise<Uint8Array> {
  return zipModelFolder(await modelArtifacts(model), metadata, extras);
}

/** Hands `zip` to the browser as a download named `fileName`. */
export function downloadZip(zip: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Zips `model` as a model folder and downloads it as `<id>.zip`; returns the zip's bytes. */
export async function downloadModelZip(
  model: tf.LayersModel,
  metadata: ModelMetadata,
  extras?: Record<string, Uint8Array | string>,
): Promise<Uint8Array> {
  const zip = await modelFolderZip(model, metadata, extras);
  downloadZip(zip, `${metadata.id}.zip`);
  return zip;
}
