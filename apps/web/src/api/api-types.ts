// The JSON the server answers with (DESIGN "HTTP API"). Only what the app reads is typed.
import type { Box, Prediction, Rejection } from '@glyph/core/recognize';

export interface ModelSummary {
  readonly id: string;
  /** The version the server serves (models/<id>/<version>/; a plain model folder is version 1). */
  readonly version?: number;
  readonly name: string;
  readonly task: 'character' | 'image';
  readonly labels: readonly string[];
  readonly input: { readonly width: number; readonly height: number; readonly channels: number };
  readonly metrics: Readonly<Record<string, unknown>>;
}

export interface CharacterAnswer {
  readonly box: Box;
  readonly predictions: readonly Prediction[];
}

export interface PredictAnswer {
  readonly model: string;
  /** The model version that answered. */
  readonly version?: number;
  readonly predictions: readonly Prediction[];
  readonly empty: boolean;
  /** Present when the answer should not be taken as read (see docs/api.md). */
  readonly rejected?: Rejection;
  readonly timingMs?: number;
  /** With `sequence=1`. */
  readonly text?: string;
  readonly characters?: readonly CharacterAnswer[];
  /** With `debug=1`: the preprocessed model input as a PNG data URL. */
  readonly input?: string;
}

export interface FeedbackRequest {
  readonly model: string;
  readonly label: string;
  /** A PNG data URL. */
  readonly image: string;
}

/** The answer of `PUT /api/models/:id` (model upload). */
export interface ModelUploadAnswer {
  readonly model: ModelSummary;
  /** Whether it is a new version of an earlier upload with the same id (which it replaced). */
  readonly replaced: boolean;
}
