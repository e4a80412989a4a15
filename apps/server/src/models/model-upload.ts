import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError, isGlyphError } from '@glyph/core';
import { unzipModelFolder, type ModelZipLimits } from '@glyph/core/model';
import type { ModelRegistry, ServedModel } from './model-registry';

/**
 * The marker an uploaded model folder carries (hidden, so `GET /models/:id/:file` never serves it).
 * A folder without it was installed on the server (shipped or copied by hand), and uploads never
 * replace it.
 */
export const uploadMarkerName = '.upload.json';

export interface UploadMarker {
  readonly uploadedAt: string;
  readonly zipBytes: number;
  readonly sha256: string;
}

export interface InstallModelZipOptions {
  readonly registry: ModelRegistry;
  readonly modelsDir: string;
  /** The model id the request names; the zip's metadata must agree. */
  readonly id: string;
  /** Replace an earlier upload with this id (never a folder installed on the server). */
  readonly replace: boolean;
  readonly limits?: ModelZipLimits;
}

/**
 * Installs an uploaded model folder zip into the served models directory and serves it at once:
 * checked with `unzipModelFolder`, written to a hidden staging folder beside the target, loaded and
 * warmed up from there, then moved into `<modelsDir>/<id>` by rename — so a reader, or a restart,
 * sees either the old folder or the complete new one. A replaced upload is moved aside first and
 * removed once the new one serves. Throws BAD_USAGE (id mismatch), MODEL_EXISTS (id taken),
 * MODEL_INVALID or PAYLOAD_TOO_LARGE (bad zip), and leaves the models directory as it was.
 */
export async function installModelZip(
  zip: Uint8Array,
  options: InstallModelZipOptions,
): Promise<{ served: ServedModel; replaced: boolean }> {
  const { modelsDir, id, registry } = options;
  const source = `The uploaded zip for "${id}"`;
  const { metadata, files } = unzipModelFolder(zip, source, options.limits);
  if (metadata.id !== id) {
    throw new GlyphError(
      'BAD_USAGE',
      `The uploaded zip holds model "${metadata.id}" but the URL names "${id}". Upload it to /api/models/${metadata.id}, or change the id in its metadata.json.`,
    );
  }
  const target = path.join(modelsDir, id);
  await assertReplaceable(registry, target, options);
  const staging = path.join(modelsDir, `.${id}.upload-${randomBytes(4).toString('hex')}`);
  const aside = path.join(modelsDir, `.${id}.replaced-${randomBytes(4).toString('hex')}`);
  let movedAside = false;
  try {
    await writeFolder(staging, files, {
      uploadedAt: new Date().toISOString(),
      zipBytes: zip.byteLength,
      sha256: createHash('sha256').update(zip).digest('hex'),
    });
    const result = await registry.serveFolder(staging, target, async () => {
      if (await exists(target)) {
        await rename(target, aside);
        movedAside = true;
      }
      await rename(staging, target);
    });
    // The new model serves; failing to tidy the old copy away must not fail the upload.
    if (movedAside) await rm(aside, { recursive: true, force: true }).catch(() => {});
    return result;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (movedAside && !(await exists(target))) await rename(aside, target);
    // The loader names the folder it read, a staging folder the client never saw.
    throw isGlyphError(error)
      ? new GlyphError(error.code, error.message.replaceAll(staging, source), { cause: error })
      : error;
  }
}

/**
 * Refuses ids served from, or folders installed on, the server (shipped models, hand-copied
 * folders), and earlier uploads unless `replace` is set.
 */
async function assertReplaceable(
  registry: ModelRegistry,
  target: string,
  options: InstallModelZipOptions,
): Promise<void> {
  const { id } = options;
  const served = registry.list().find((model) => model.id === id);
  const folderExists = await exists(target);
  if (!served && !folderExists) return;
  const marker = folderExists ? await readMarker(target) : undefined;
  const servedElsewhere = served !== undefined && path.resolve(served.folder) !== path.resolve(target);
  if (marker === undefined || servedElsewhere) {
    throw new GlyphError(
      'MODEL_EXISTS',
      `Model "${id}" is installed on the server (${served?.folder ?? target}), not uploaded, and uploads never replace it. Upload under another id (change "id" in metadata.json), or replace the folder on the server and restart it.`,
    );
  }
  if (!options.replace) {
    throw new GlyphError(
      'MODEL_EXISTS',
      `Model "${id}" was already uploaded (${marker.uploadedAt}). Send the request with ?replace=true to replace it, or upload under another id.`,
    );
  }
}

async function writeFolder(
  folder: string,
  files: Record<string, Uint8Array>,
  marker: UploadMarker,
): Promise<void> {
  await mkdir(folder, { recursive: true });
  const entries = Object.entries(files).filter(
    ([name]) => !name.split('/').some((part) => part.startsWith('.')),
  );
  for (const [name, bytes] of [
    ...entries,
    [uploadMarkerName, Buffer.from(JSON.stringify(marker))] as const,
  ]) {
    const file = path.join(folder, name);
    await mkdir(path.dirname(file), { recursive: true });
    // Flushed before the folder is renamed into place, so a crash cannot leave a torn file there.
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

async function readMarker(folder: string): Promise<UploadMarker | undefined> {
  try {
    return JSON.parse(await readFile(path.join(folder, uploadMarkerName), 'utf8')) as UploadMarker;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
