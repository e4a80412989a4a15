// Thin wrappers over the HTTP API; every failure becomes an ApiError with a readable message.
import type { Charset } from '@glyph/core/recognize';
import { ApiError, apiErrorFrom } from './api-error';
import { withApiKey } from './api-key';
import type { FeedbackRequest, ModelSummary, ModelUploadAnswer, PredictAnswer } from './api-types';

async function request(url: string, init: RequestInit | undefined, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, withApiKey(init));
  } catch {
    throw new ApiError(
      0,
      'OFFLINE',
      `${what} failed: the server cannot be reached. Check that it is running.`,
    );
  }
  if (!response.ok) throw await apiErrorFrom(response, what);
  return response;
}

export async function fetchJson<T>(url: string, what: string): Promise<T> {
  return (await (await request(url, undefined, what)).json()) as T;
}

export function listModels(): Promise<ModelSummary[]> {
  return fetchJson<ModelSummary[]>('/api/models', 'Listing models');
}

/** Where the server exposes a model's folder (`model.json`, weights, `metadata.json`). */
export function modelFolderUrl(modelId: string): string {
  return `/models/${encodeURIComponent(modelId)}`;
}

export function modelFileUrl(modelId: string, fileName: string): string {
  return `${modelFolderUrl(modelId)}/${fileName}`;
}

export interface PredictOptions {
  readonly top: number;
  readonly sequence: boolean;
  readonly debug: boolean;
  readonly charset: Charset;
}

export async function predict(modelId: string, image: Blob, options: PredictOptions): Promise<PredictAnswer> {
  const query = new URLSearchParams({
    top: String(options.top),
    sequence: options.sequence ? '1' : '0',
    debug: options.debug ? '1' : '0',
    charset: options.charset,
  });
  const url = `/api/models/${encodeURIComponent(modelId)}/predict?${query}`;
  const init = { method: 'POST', headers: { 'content-type': image.type || 'image/png' }, body: image };
  return (await (await request(url, init, 'Prediction')).json()) as PredictAnswer;
}

export async function sendFeedback(feedback: FeedbackRequest): Promise<void> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(feedback),
  };
  await request('/api/feedback', init, 'Sending feedback');
}

/**
 * `PUT /api/models/:id` with a model folder zip: the server (started with --allow-model-uploads)
 * validates, installs and serves it. `replace` replaces an earlier upload with the same id.
 */
export async function uploadModelZip(
  modelId: string,
  zip: Uint8Array,
  options: { readonly replace: boolean },
): Promise<ModelUploadAnswer> {
  const url = `/api/models/${encodeURIComponent(modelId)}${options.replace ? '?replace=true' : ''}`;
  const init = {
    method: 'PUT',
    headers: { 'content-type': 'application/zip' },
    body: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
  };
  return (await (await request(url, init, 'Uploading the model')).json()) as ModelUploadAnswer;
}
