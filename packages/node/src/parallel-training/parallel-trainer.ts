import { availableParallelism } from 'node:os';
import type * as tf from '@tensorflow/tfjs';
import { GlyphError } from '@glyph/core';
import {
  getOptimizerState,
  type BatchResult,
  type CheckpointableTrainer,
  type OptimizerConfig,
  type OptimizerState,
} from '@glyph/core/train';
import { averageArrays, averageOf, shardSizes } from './average-shards';
import { Replica } from './replica';
import { WorkerHandle } from './worker-handle';
import type { ShardResult } from './worker-protocol';

export interface ParallelTrainerOptions {
  readonly optimizer: OptimizerConfig;
  /** Seeds the dropout masks (replica 0 uses it as LocalTrainer does). */
  readonly seed: number;
  /** Replicas including this thread's; default: the number of cores. */
  readonly workers?: number;
  /** The backend of every replica; default `wasm`. */
  readonly backend?: string;
}

/**
 * Data-parallel training across worker threads. Each step splits the batch into one shard per
 * replica: this thread trains the caller's model on the first shard while every worker thread (its
 * own WASM instance and model copy) does the next; the gradients are averaged, weighted by shard
 * size, and every replica applies the same average with its own optimizer, so all stay identical.
 * Batch-norm moving statistics are averaged the same way. A worker that dies fails the step with
 * `WORKER_CRASHED`.
 *
 * Equal to one-thread training up to float rounding for networks without batch norm or dropout;
 * with them, statistics and masks are per shard, as in any data-parallel training.
 */
export class ParallelTrainer implements CheckpointableTrainer {
  private disposed = false;

  private constructor(
    private readonly main: Replica,
    private readonly workers: readonly WorkerHandle[],
  ) {}

  /** Starts `workers − 1` threads, each with a copy of `model` (trained in place by this thread). */
  static async create(model: tf.LayersModel, options: ParallelTrainerOptions): Promise<ParallelTrainer> {
    const replicas = options.workers ?? availableParallelism();
    if (!Number.isInteger(replicas) || replicas < 1) {
      throw new GlyphError('BAD_USAGE', `--workers must be a positive whole number, got ${replicas}.`);
    }
    const started = await Promise.allSettled(
      Array.from({ length: replicas - 1 }, (_, index) => WorkerHandle.start(index + 1)),
    );
    const workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map((worker) => worker.close()));
      throw (failure as PromiseRejectedResult).reason;
    }
    const main = new Replica(model, options.optimizer, options.seed, 0);
    const trainer = new ParallelTrainer(main, workers);
    const topology = model.toJSON(null, false) as object;
    const weights = await Promise.all(
      model.getWeights().map(async (tensor) => Float32Array.from(await tensor.data())),
    );
    const backend = options.backend ?? 'wasm';
    try {
      await Promise.all(
        workers.map((worker) =>
          worker.request({
            type: 'init',
            setup: {
              topology,
              weights,
              optimizer: options.optimizer,
              seed: options.seed,
              replica: worker.index,
              backend,
            },
          }),
        ),
      );
    } catch (error) {
      await trainer.dispose();
      throw error;
    }
    return trainer;
  }

  get replicas(): number {
    return this.workers.length + 1;
  }

  async trainBatch(x: Float32Array, labels: Int32Array, batchSize: number): Promise<BatchResult> {
    this.assertUsable();
    const sizes = shardSizes(batchSize, this.replicas);
    const sampleSize = this.sampleSize();
    const offsets = sizes.map((_, index) => sizes.slice(0, index).reduce((a, b) => a + b, 0));
    // Workers start first; this thread then computes its own shard while they run.
    const requests = this.workers.map((worker, index) => {
      const replica = index + 1;
      const [start, count] = [offsets[replica], sizes[replica]];
      if (count === 0) return Promise.resolve(undefined);
      const shardX = x.slice(start * sampleSize, (start + count) * sampleSize);
      const shardLabels = labels.slice(start, start + count);
      return worker
        .request({ type: 'compute', x: shardX, labels: shardLabels, count }, [
          shardX.buffer,
          shardLabels.buffer,
        ])
        .then((reply) => (reply.type === 'computed' ? reply.shard : undefined));
    });
    const own = sizes[0] > 0 ? this.main.computeShard(x, labels, sizes[0]) : undefined;
    const shards = [own, ...(await Promise.all(requests))].filter(
      (shard): shard is ShardResult => shard !== undefined,
    );
    const gradients = averageArrays(shards, (shard) => shard.gradients);
    const nonTrainable = averageArrays(shards, (shard) => shard.nonTrainable);
    const applied = this.workers.map((worker) => worker.request({ type: 'apply', gradients, nonTrainable }));
    this.main.apply(gradients, nonTrainable);
    await Promise.all(applied);
    return {
      loss: averageOf(shards, (shard) => shard.loss),
      accuracy: averageOf(shards, (shard) => shard.accuracy),
    };
  }

  setLearningRate(learningRate: number): void {
    this.main.setLearningRate(learningRate);
    for (const worker of this.workers) {
      // A failure surfaces on the next step, which every caller awaits.
      worker.request({ type: 'set-learning-rate', learningRate }).catch(() => {});
    }
  }

  async getWeights(): Promise<Float32Array[]> {
    return Promise.all(
      this.main.model.getWeights().map(async (tensor) => Float32Array.from(await tensor.data())),
    );
  }

  async setWeights(weights: readonly Float32Array[]): Promise<void> {
    this.main.setWeights(weights);
    await Promise.all(
      this.workers.map((worker) => worker.request({ type: 'set-weights', weights: [...weights] })),
    );
  }

  getOptimizerState(): Promise<OptimizerState> {
    return getOptimizerState(this.main.optimizer);
  }

  async setOptimizerState(state: OptimizerState): Promise<void> {
    await this.main.setOptimizerState(state);
    await Promise.all(this.workers.map((worker) => worker.request({ type: 'set-optimizer-state', state })));
  }

  /** Test hook: makes worker `index` (1-based) die as an uncaught error would. */
  crashWorkerForTest(index: number): void {
    void this.workers[index - 1].request({ type: 'crash' }).catch(() => {});
  }

  /** Stops the worker threads and frees this thread's optimizer; the model belongs to the caller. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.main.dispose();
  }

  private assertUsable(): void {
    if (this.disposed) throw new GlyphError('INTERNAL', 'trainBatch after dispose');
  }

  private sampleSize(): number {
    const [, height, width, channels] = this.main.model.inputs[0].shape as number[];
    return height * width * channels;
  }
}
