import { labelToDirName } from '@glyph/node/datasets';
import { trashDirName } from '../feedback-editor';
import type { FeedbackOperation, OperationState } from '../feedback-operation';
import { modelDirName } from '../feedback-layout';

/** A sample's path as the folder store would have it: `<model folder>/<label folder>/<id>.png`. */
export function samplePath(model: string, label: string, id: string): string {
  return [modelDirName(model), labelToDirName(label), `${id}.png`].join('/');
}

/** Where a sample row is, in the folder store's terms: its path, or its path in the trash. */
export function placeOf(sample: SamplePlaceRow | null): string | null {
  if (sample === null || sample.model === null || sample.label === null || sample.id === null) return null;
  const live = samplePath(sample.model, sample.label, sample.id);
  return sample.trashed_at === null ? live : `${trashDirName}/${live}`;
}

export interface SamplePlaceRow {
  readonly id: string | null;
  readonly model: string | null;
  readonly label: string | null;
  readonly trashed_at: Date | null;
}

export interface OperationRow {
  readonly id: string;
  readonly kind: 'relabel' | 'delete';
  readonly model: string;
  readonly sample: string;
  readonly from_label: string;
  readonly from_path: string;
  readonly to_label: string | null;
  readonly to_path: string;
  readonly at: Date;
  readonly undone_at: Date | null;
}

/** Operations with where their sample is now (`s_*` null when it is gone). */
export const operationsWithPlace = `
  SELECT o.*, s.id AS s_id, s.model AS s_model, s.label AS s_label, s.trashed_at AS s_trashed_at
  FROM feedback_operations o LEFT JOIN feedback_samples s ON s.id = o.sample`;

export type OperationPlaceRow = OperationRow & {
  readonly s_id: string | null;
  readonly s_model: string | null;
  readonly s_label: string | null;
  readonly s_trashed_at: Date | null;
};

/**
 * The operation as the API shows it, its state read from where its sample is now, as the folder
 * store reads it from where the file is: applied, undone, or superseded.
 */
export function operationOf(row: OperationPlaceRow): FeedbackOperation {
  const place = placeOf({
    id: row.s_id,
    model: row.s_model,
    label: row.s_label,
    trashed_at: row.s_trashed_at,
  });
  const state: OperationState =
    place === row.to_path ? 'applied' : place === row.from_path ? 'undone' : 'superseded';
  return {
    id: row.id,
    kind: row.kind,
    model: row.model,
    sample: row.sample,
    from: { label: row.from_label, path: row.from_path },
    to: { label: row.to_label, path: row.to_path },
    at: row.at.toISOString(),
    ...(row.undone_at !== null && { undoneAt: row.undone_at.toISOString() }),
    state,
  };
}
