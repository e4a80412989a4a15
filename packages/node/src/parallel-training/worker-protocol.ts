import type { OptimizerConfig, OptimizerState } from '@glyph/core/train';

/** What a replica needs to become an exact copy of the main model and its optimizer. */
export interface ReplicaSetup {
  /** `model.toJSON(null, false)`: the topology, so any LayersModel (zoo or restored) can be rebuilt. */
  readonly topology: object;
  readonly weights: Float32Array[];
  readonly optimizer: OptimizerConfig;
  readonly seed: number;
  readonly replica: number;
  readonly backend: string;
}

/** One replica's share of a step: gradients of its mean loss and its batch-norm statistics. */
export interface ShardResult {
  readonly count: number;
  readonly loss: number;
  readonly accuracy: number;
  /** In `model.trainableWeights` order. */
  readonly gradients: Float32Array[];
  /** `model.nonTrainableWeights` after the forward pass (batch-norm moving statistics). */
  readonly nonTrainable: Float32Array[];
}

/** Requests to a worker; each gets exactly one reply, in order. */
export type WorkerRequest =
  | { readonly type: 'init'; readonly setup: ReplicaSetup }
  | {
      readonly type: 'compute';
      readonly x: Float32Array;
      readonly labels: Int32Array;
      readonly count: number;
    }
  | { readonly type: 'apply'; readonly gradients: Float32Array[]; readonly nonTrainable: Float32Array[] }
  | { readonly type: 'set-weights'; readonly weights: Float32Array[] }
  | { readonly type: 'set-learning-rate'; readonly learningRate: number }
  | { readonly type: 'set-optimizer-state'; readonly state: OptimizerState }
  /** Test hook: the worker throws outside any request, as a real crash would. */
  | { readonly type: 'crash' };

/** Replies; a failed request arrives as its error instead. */
export type WorkerReply =
  { readonly type: 'done' } | { readonly type: 'computed'; readonly shard: ShardResult };
