// The messages between the page and the teaching worker. Pixels travel as transferable buffers.
import type { TrainedModel } from './project-types';

export interface GraySample {
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly gray: Uint8Array;
}

/** The model a job starts from: the folder URL of a served model (`/models/digits`). */
export interface BaseModelSource {
  readonly folderUrl: string;
}

export type TeachRequest =
  | {
      readonly type: 'teach';
      readonly jobId: number;
      readonly id: string;
      readonly name: string;
      readonly labels: readonly string[];
      readonly samples: readonly GraySample[];
      readonly base?: BaseModelSource;
      readonly epochs?: number;
    }
  | {
      readonly type: 'personalize';
      readonly jobId: number;
      readonly samples: readonly GraySample[];
      readonly base: BaseModelSource;
    };

export interface JobProgress {
  readonly stage: 'loading' | 'preparing' | 'training' | 'evaluating';
  readonly fraction: number;
  readonly epoch: number;
  readonly epochs: number;
  readonly loss?: number;
  readonly accuracy?: number;
  readonly validationAccuracy?: number;
}

/** What a finished job hands back: the trained model, its weights transferred, not copied. */
export type JobResult = TrainedModel;

export type TeachReply =
  | { readonly type: 'progress'; readonly jobId: number; readonly progress: JobProgress }
  | { readonly type: 'done'; readonly jobId: number; readonly result: JobResult }
  | { readonly type: 'failed'; readonly jobId: number; readonly message: string; readonly code?: string };
