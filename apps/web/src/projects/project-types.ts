// What a project is: a label set, the samples drawn (or uploaded) for it, and the model trained on
// them. Everything lives in this browser (IndexedDB) until the user exports or uploads it.
import type { ModelMetadata } from '@glyph/core/model';
import type { EvaluationReport } from '@glyph/core/metrics';

/** `symbols`: a new label set. `personal`: corrections that fine-tune a shipped model, labels unchanged. */
export type ProjectKind = 'symbols' | 'personal';

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly kind: ProjectKind;
  readonly labels: readonly string[];
  /**
   * The served model a project starts from (its features for `symbols`, the whole model for
   * `personal`), by id; null: a small network trained from scratch.
   */
  readonly base: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type SampleSource = 'drawn' | 'upload' | 'camera' | 'feedback';

/** One training picture: gray pixels (dark ink on white) as drawn, and a PNG of them for display/export. */
export interface Sample {
  readonly id: string;
  readonly projectId: string;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  /** `[height*width]` uint8, 0 = black ink, 255 = white paper. */
  readonly gray: Uint8Array;
  readonly png: Blob;
  readonly source: SampleSource;
  readonly createdAt: string;
}

export interface TrainingPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly validationAccuracy?: number;
}

/** A trained model as TF.js artifacts (weights in one buffer) plus Glyph's metadata and how it did. */
export interface TrainedModel {
  readonly modelTopology: object;
  readonly weightSpecs: readonly object[];
  readonly weightData: ArrayBuffer;
  readonly metadata: ModelMetadata;
  /** Held-out samples' report (symbols projects) — absent for personal models. */
  readonly report?: EvaluationReport;
  readonly history: readonly TrainingPoint[];
  /** Personal models: corrections read right before and after fine-tuning. */
  readonly comparison?: { readonly before: Score; readonly after: Score };
  readonly seconds: number;
}

/** A project's model as stored in IndexedDB. */
export interface StoredModel extends TrainedModel {
  readonly projectId: string;
  readonly trainedAt: string;
  /** Samples the model was trained on (to tell the user when it is out of date). */
  readonly sampleCount: number;
}

export interface Score {
  readonly correct: number;
  readonly total: number;
}
