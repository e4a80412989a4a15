import type { FeedbackOperation, UndoTarget } from './feedback-operation';
import type { IndexedSample } from './feedback-index';
import type { FeedbackListing } from './list-feedback';

/** A sample just stored: its id in every answer, `<model folder>/<label folder>/<time>-<id>.png`. */
export interface StoredFeedback {
  /** `<model folder>/<label folder>/<file>.png`, with `/` separators, on every backend. */
  readonly relativePath: string;
}

/** One sample to store. */
export interface NewSample {
  readonly label: string;
  readonly png: Uint8Array;
}

/** Where a sample came from, kept beside it where the backend has room (PostgreSQL does). */
export interface SampleOrigin {
  /** The route that stored it, e.g. `feedback` or `sequence`. */
  readonly source?: string;
  /** The client's address. */
  readonly client?: string;
}

/**
 * Everything the feedback routes need from where samples live: the folder of `<model>/<label>/<file>.png`
 * (`FolderFeedbackStore`, the default) or PostgreSQL (`PgFeedbackStore`, `--feedback-store postgres://…`).
 * Both answer with the same sample paths, listings and operations, so the routes and their answers
 * do not depend on the backend (one shared test suite runs against each).
 *
 * Errors are GlyphErrors: BAD_USAGE (a malformed path or request), SAMPLE_NOT_FOUND, SAMPLE_CONFLICT,
 * FEEDBACK_QUOTA_EXCEEDED (507, nothing stored) and FEEDBACK_STORE_UNAVAILABLE (503: the backend could
 * not be reached within its retry time; nothing was acknowledged).
 */
export interface FeedbackStore {
  /** A short description for logs (`folder /srv/feedback`, `postgres://glyph@db:5432/glyph`), never a password. */
  readonly description: string;
  /** Resolves once the store can take requests (first index read; schema migrated); throws if it cannot. */
  ready(): Promise<void>;
  /** Stores one sample; resolves only once it is durable. */
  save(
    modelId: string,
    label: string,
    png: Uint8Array,
    origin?: SampleOrigin,
    now?: Date,
  ): Promise<StoredFeedback>;
  /**
   * Stores several samples of one model (a sequence correction's characters): all or none. When the
   * model's quota (its samples and trash) cannot take them all, FEEDBACK_QUOTA_EXCEEDED and nothing is
   * stored; samples stored before are never touched.
   */
  saveAll(
    modelId: string,
    samples: readonly NewSample[],
    origin?: SampleOrigin,
    now?: Date,
  ): Promise<StoredFeedback[]>;
  /**
   * Removes samples just saved whose acknowledgement never reached the client (it hung up, or the
   * answer could not be sent): gone entirely, no trash, no operation record. Paths already gone are
   * passed over.
   */
  discard(stored: readonly StoredFeedback[]): Promise<void>;
  /** Newest first, at most `limit`, with counts per (model, label) over all. */
  list(options: { readonly model?: string; readonly limit: number }): Promise<FeedbackListing>;
  /** Every live sample (of one model, if given), in no set order, without its bytes; for the review listing. */
  samples(model?: string): Promise<IndexedSample[]>;
  /** A live sample's PNG bytes, or `null` when no sample has that path (malformed paths included). */
  read(relativePath: string): Promise<Uint8Array | null>;
  /** Bytes of the model's samples and its trash: what its quota counts. */
  bytesOf(modelId: string): Promise<number>;
  relabel(relativePath: string, label: string, now?: Date): Promise<FeedbackOperation>;
  /** Moves the sample into the trash (undoable); it still counts towards the quota. */
  delete(relativePath: string, now?: Date): Promise<FeedbackOperation>;
  /** Undoes one operation, named by id, or the latest applied one of a sample. */
  undo(target: UndoTarget, now?: Date): Promise<FeedbackOperation>;
  /** The recorded operations, newest first, each with its state now. */
  operations(limit: number): Promise<FeedbackOperation[]>;
  close(): Promise<void>;
}
