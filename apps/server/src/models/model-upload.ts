import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { GlyphError } from '@glyph/core';
import { unzipModelFolder, type ModelZipLimits } from '@glyph/core/model';
import type { ModelRegistry, ServedModel } from './model-registry';
import { discoverModelSlots, type ModelVersionFolder } from './model-versions';

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
  /** Add a version to an earlier upload with this id (never to a model installed on the server). */
  readonly replace: boolean;
  readonly limits?: ModelZipLimits;
}

/**
 * Installs an uploaded model folder zip as the next version of its model and serves it at once:
 * checked with `unzipModelFolder`, written to a hidden staging folder, renamed into place as
 * `<modelsDir>/<id>/<n+1>/` (so a reader, another replica or a restart sees either no new version or
 * the complete one), then served through the registry's `sync` like any published version — loaded
 * and warmed up beside the version serving, which finishes its queued predictions. A version that
 * fails to load is removed again and the previous one keeps serving. Throws BAD_USAGE (id mismatch),
 * MODEL_EXISTS (id taken), MODEL_INVALID or PAYLOAD_TOO_LARGE (bad zip).
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
  if (registry.state !== 'ready') {
    throw new GlyphError(
      'NOT_READY',
      `Models cannot be added while the server is ${registry.state}; retry once GET /readyz answers 200.`,
      { details: { retryAfterSeconds: 1 } },
    );
  }
  const slotDir = path.join(modelsDir, id);
  const versions = await assertReplaceable(registry, slotDir, options);
  const versionFolder = path.join(slotDir, String((versions[0]?.version ?? 0) + 1));
  const staging = path.join(modelsDir, `.${id}.upload-${randomBytes(4).toString('hex')}`);
  const previous = registry.list().find((model) => model.id === id);
  const newSlot = versions.length === 0;
  try {
    await writeFolder(staging, files, {
      uploadedAt: new Date().toISOString(),
      zipBytes: zip.byteLength,
      sha256: createHash('sha256').update(zip).digest('hex'),
    });
    await mkdir(slotDir, { recursive: true });
    await rename(staging, versionFolder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const report = await registry.sync();
  const served = registry.list().find((model) => model.folder === versionFolder);
  if (served) return { served, replaced: previous !== undefined };
  // Not served: take the version away again, so neither a restart nor another replica tries it.
  await rm(versionFolder, { recursive: true, force: true });
  if (newSlot) await rmdir(slotDir).catch(() => {}); // only if nothing else arrived in it meanwhile
  await registry.sync();
  const failure = report.failed.find((problem) => problem.folder === versionFolder);
  throw new GlyphError(
    failure?.code ?? 'MODEL_INVALID',
    (
      failure?.message ?? `${versionFolder} was not served (is the model pinned to another version?).`
    ).replaceAll(versionFolder, source),
  );
}

/**
 * Refuses ids served from, or folders installed on, the server (shipped models, hand-copied
 * folders), and earlier uploads unless `replace` is set. Returns the versions the model has on disk.
 */
async function assertReplaceable(
  registry: ModelRegistry,
  slotDir: string,
  options: InstallModelZipOptions,
): Promise<readonly ModelVersionFolder[]> {
  const { id } = options;
  const served = registry.list().find((model) => model.id === id);
  const folderExists = await exists(slotDir);
  if (!served && !folderExists) return [];
  const versions = folderExists
    ? ((await discoverModelSlots(path.dirname(slotDir))).find((slot) => slot.dir === slotDir)?.versions ?? [])
    : [];
  const latest = versions[0];
  const marker = latest ? await readMarker(latest.folder) : undefined;
  const servedElsewhere = served !== undefined && served.slot !== id;
  if (marker === undefined || servedElsewhere) {
    throw new GlyphError(
      'MODEL_EXISTS',
      `Model "${id}" is installed on the server (${served?.folder ?? slotDir}), not uploaded, and uploads never replace it. Upload under another id (change "id" in metadata.json), or publish a new version on the server (models/${id}/<n>/, see docs/serving.md).`,
    );
  }
  if (!options.replace) {
    throw new GlyphError(
      'MODEL_EXISTS',
      `Model "${id}" was already uploaded (${marker.uploadedAt}). Send the request with ?replace=true to serve this upload as its next version, or upload under another id.`,
    );
  }
  return versions;
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
