// The records of relabel, delete and undo, shared by both feedback backends and the routes.

export type OperationKind = 'relabel' | 'delete';

/** One relabel or delete, as recorded in `<feedback dir>/.operations/<id>.json`. */
export interface OperationRecord {
  readonly id: string;
  readonly kind: OperationKind;
  readonly model: string;
  /** The sample's id (its file name without `.png`). */
  readonly sample: string;
  readonly from: { readonly label: string; readonly path: string };
  /** Relabel: the new place; delete: the place in the trash (`.trash/<model>/<label>/<file>`). */
  readonly to: { readonly label: string | null; readonly path: string };
  readonly at: string;
  readonly undoneAt?: string;
}

/**
 * Read from the disk, not the record: `applied` when the file is where the operation put it (so it
 * can be undone), `undone` when it is back where it was, `superseded` when it is in neither place
 * (a later operation moved it on, or it was removed by hand).
 */
export type OperationState = 'applied' | 'undone' | 'superseded';

export interface FeedbackOperation extends OperationRecord {
  readonly state: OperationState;
}

export interface UndoTarget {
  readonly operation?: string;
  readonly sample?: string;
}
