// The review view's calls: feedback by loss, relabel/delete/undo, a training folder's top losses,
// and per-character corrections of a sequence. Failures become ApiErrors like every other call.
import type { Box, Prediction } from '@glyph/core/recognize';
import { fetchJson } from './api-client';
import { ApiError, apiErrorFrom } from './api-error';
import { withApiKey } from './api-key';

/** One sample of `GET /api/feedback/review` (or of the review folder). */
export interface ReviewSample {
  /** Feedback only: the file name without `.png`, kept through relabel, delete and undo. */
  readonly id?: string;
  readonly model?: string;
  readonly label: string;
  /** What relabel and delete take; relative to the feedback directory (or the review folder). */
  readonly path: string;
  readonly url: string;
  readonly createdAt?: string | null;
  readonly scored?: boolean;
  /** `-ln p(label)` under the model; null with a `note`. */
  readonly loss: number | null;
  readonly confidence: number | null;
  readonly guess: Prediction | null;
  readonly note?: 'empty' | 'unreadable' | 'unknown-label';
}

export interface ReviewListing {
  readonly samples: readonly ReviewSample[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

export interface ReviewFilters {
  readonly model?: string;
  readonly label?: string;
  /** ISO date-times (the view turns local days into them). */
  readonly from?: string;
  readonly to?: string;
  readonly offset?: number;
  readonly limit?: number;
}

export interface FeedbackOperation {
  readonly id: string;
  readonly kind: 'relabel' | 'delete';
  readonly model: string;
  readonly sample: string;
  readonly from: { readonly label: string; readonly path: string };
  readonly to: { readonly label: string; readonly path: string } | null;
  readonly at: string;
  readonly state: 'applied' | 'undone' | 'superseded';
}

export interface SequenceFeedbackRequest {
  readonly model: string;
  /** The whole line as a PNG data URL: the image the sequence answer was for. */
  readonly image: string;
  readonly characters: readonly { readonly box: Box; readonly label: string }[];
}

async function postJson<T>(url: string, body: unknown, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(
      url,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  } catch {
    throw new ApiError(
      0,
      'OFFLINE',
      `${what} failed: the server cannot be reached. Check that it is running.`,
    );
  }
  if (!response.ok) throw await apiErrorFrom(response, what);
  return (await response.json()) as T;
}

/** Feedback by loss, most suspicious first. */
export function listReview(filters: ReviewFilters): Promise<ReviewListing> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  return fetchJson<ReviewListing>(`/api/feedback/review?${query}`, 'Listing feedback');
}

/** A training folder's files by loss under a model; 404 when the server has no review folder. */
export function listReviewFolder(
  modelId: string,
  limit: number,
): Promise<ReviewListing & { folder: string }> {
  const query = new URLSearchParams({ model: modelId, limit: String(limit) });
  return fetchJson(`/api/review-folder?${query}`, 'Listing the review folder');
}

export function relabelSample(path: string, label: string): Promise<{ operation: FeedbackOperation }> {
  return postJson('/api/feedback/relabel', { path, label }, 'Relabelling');
}

export function deleteSample(path: string): Promise<{ operation: FeedbackOperation }> {
  return postJson('/api/feedback/delete', { path }, 'Deleting');
}

export function undoOperation(operationId: string): Promise<{ operation: FeedbackOperation }> {
  return postJson('/api/feedback/undo', { operation: operationId }, 'Undoing');
}

/** The latest relabels and deletes, newest first, each with its state on the server now. */
export async function listOperations(limit = 20): Promise<FeedbackOperation[]> {
  const url = `/api/feedback/operations?limit=${limit}`;
  return (await fetchJson<{ operations: FeedbackOperation[] }>(url, 'Listing changes')).operations;
}

/** A corrected sequence, stored by the server as one sample per character. */
export function sendSequenceFeedback(
  feedback: SequenceFeedbackRequest,
): Promise<{ samples: { label: string; path: string }[] }> {
  return postJson('/api/feedback/sequence', feedback, 'Sending corrections');
}
