import { labelFromDirName, labelToDirName } from '@glyph/node/datasets';

/**
 * The layout of the feedback directory, `<model folder>/<label folder>/<file>.png`, in both
 * directions: the names `FeedbackStore` writes, and the strict reading of names found on disk or in
 * a URL. A name is accepted only if the store would have written exactly that name, so `..`,
 * separators, hidden and temporary files (`.<name>.tmp…`) never pass.
 */

/** Model ids are path-safe by the metadata schema; anything else is encoded like a label. */
const safeModelId = /^[a-z0-9][a-z0-9._-]*$/;

/** A plain PNG file name: no separator, no leading dot. The store writes `<time>-<id>.png`. */
const sampleFileName = /^[a-z0-9][a-z0-9._-]*\.png$/i;

export function modelDirName(modelId: string): string {
  return safeModelId.test(modelId) ? modelId : labelToDirName(modelId);
}

/** The model id of a model folder name, or `null` when the store would not have written that name. */
export function modelIdFromDirName(name: string): string | null {
  const modelId = safeModelId.test(name) ? name : labelFromDirName(name);
  return modelId !== null && modelDirName(modelId) === name ? modelId : null;
}

export function isSampleFileName(name: string): boolean {
  return sampleFileName.test(name);
}

/** Where `GET /api/feedback/files/…` serves a sample, from its path relative to the feedback directory. */
export function sampleUrl(relativePath: string): string {
  return `/api/feedback/files/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
