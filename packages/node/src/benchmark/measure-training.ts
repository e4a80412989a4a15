import type { BatchTrainer } from '@glyph/core/train';
import { mulberry32 } from '@glyph/core/data';

export interface TrainingFigure {
  readonly model: string;
  readonly batchSize: number;
  readonly workers: number;
  /** Threads of each process's wasm thread pool (1: the single-threaded build). */
  readonly threads: number;
  readonly steps: number;
  /** From the median step time: robust to a few steps slowed by other work on the machine. */
  readonly samplesPerSecond: number;
  /** From the fastest step: what the engine does when it has the cores to itself. */
  readonly bestSamplesPerSecond: number;
  readonly medianStepMs: number;
}

export interface TrainingRun {
  readonly model: string;
  readonly trainer: BatchTrainer;
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly batchSize: number;
  readonly warmupSteps: number;
  readonly steps: number;
  readonly workers?: number;
  readonly threads?: number;
}

/** Times `steps` optimizer steps on one fixed random batch (after warm-up steps). */
export async function measureTraining(run: TrainingRun): Promise<TrainingFigure> {
  const [height, width, channels] = run.inputShape;
  const random = mulberry32(17);
  const x = Float32Array.from({ length: run.batchSize * height * width * channels }, random);
  const labels = Int32Array.from({ length: run.batchSize }, (_, i) => i % run.numClasses);
  for (let i = 0; i < run.warmupSteps; i++) await run.trainer.trainBatch(x, labels, run.batchSize);
  const stepMs: number[] = [];
  for (let i = 0; i < run.steps; i++) {
    const start = performance.now();
    await run.trainer.trainBatch(x, labels, run.batchSize);
    stepMs.push(performance.now() - start);
  }
  stepMs.sort((a, b) => a - b);
  const median = stepMs[Math.floor(stepMs.length / 2)];
  return {
    model: run.model,
    batchSize: run.batchSize,
    workers: run.workers ?? 1,
    threads: run.threads ?? 1,
    steps: run.steps,
    samplesPerSecond: round((run.batchSize * 1000) / median),
    bestSamplesPerSecond: round((run.batchSize * 1000) / stepMs[0]),
    medianStepMs: round(median),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
