import type * as tf from '@tensorflow/tfjs';
import { registerTrainingKernels, unregisterTrainingKernels } from '@glyph/core/engine';
import { availableParallelism } from 'node:os';
import { LocalTrainer } from '@glyph/core/train';
import { buildModel } from '@glyph/core/zoo';
import { initNodeEngine } from '../engine/init-node-engine';
import { ParallelTrainer } from '../parallel-training/parallel-trainer';
import { machineInfo, type MachineInfo } from './machine-info';
import { measureInference, type InferenceFigure } from './measure-inference';
import { measureThreaded } from './measure-threaded';
import { measureTraining, type TrainingFigure } from './measure-training';
import { buildSeedCnn } from './seed-cnn';
import { runTorchPeer, type PeerOutcome } from './torch-peer';

export interface BenchmarkOptions {
  /** Fewer steps and runs: a rough figure in about a minute. */
  readonly quick?: boolean;
  /** Python with PyTorch for the peer; `null` skips the peer. */
  readonly python?: string | null;
  /** Also time the stock wasm kernels with only the missing filter gradient added. */
  readonly baseline?: boolean;
  /** Extra data-parallel seed-CNN runs with these replica counts; default: the number of cores. */
  readonly workerCounts?: readonly number[];
  readonly log?: (line: string) => void;
}

export interface BenchmarkReport {
  readonly machine: MachineInfo;
  readonly backend: string;
  readonly wasmSimd: boolean | undefined;
  readonly training: TrainingFigure[];
  readonly inference: InferenceFigure[];
  readonly baseline?: TrainingFigure;
  readonly peer: PeerOutcome;
  /**
   * Ours ÷ PyTorch on the seed CNN, both measured in this run (>1: we are faster), each from our
   * fastest configuration on this machine (the peer runs with 2 threads).
   */
  readonly versusPeer?: { readonly training: number; readonly singleInference: number };
}

const trainingBatch = 128;

async function trainOnce(
  name: string,
  model: tf.LayersModel,
  inputShape: readonly [number, number, number],
  steps: number,
): Promise<TrainingFigure> {
  const trainer = new LocalTrainer(model, { optimizer: { kind: 'adam', learningRate: 1e-3 }, seed: 1 });
  try {
    return await measureTraining({
      model: name,
      trainer,
      inputShape,
      numClasses: 10,
      batchSize: trainingBatch,
      warmupSteps: 2,
      steps,
    });
  } finally {
    await trainer.dispose();
  }
}

/**
 * `glyph bench`: training samples/s of the seed CNN and of glyphnet, inference latency and
 * throughput, on the wasm engine with Glyph's kernels, and the PyTorch peer in the same run.
 */
export async function runBenchmark(options: BenchmarkOptions = {}): Promise<BenchmarkReport> {
  const log = options.log ?? (() => {});
  const quick = options.quick === true;
  const engine = await initNodeEngine({ backend: 'wasm' });
  const training: TrainingFigure[] = [];
  log('training the seed CNN (1 thread)…');
  const seedCnn = buildSeedCnn();
  training.push(await trainOnce('seed-cnn', seedCnn, [28, 28, 1], quick ? 5 : 15));
  log('training glyphnet (1 thread)…');
  const glyphnet = buildModel('glyphnet', { inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
  training.push(await trainOnce('glyphnet', glyphnet, [28, 28, 1], quick ? 3 : 8));
  for (const workers of options.workerCounts ?? defaultWorkerCounts()) {
    log(`training the seed CNN (${workers} workers)…`);
    training.push(await trainParallel(workers, quick ? 5 : 15));
  }
  log('inference…');
  const runs = quick ? 50 : 200;
  const inference = [
    measureInference('seed-cnn', seedCnn, runs, 1),
    measureInference('glyphnet', glyphnet, runs, 1),
  ];
  const cores = availableParallelism();
  if (cores > 1) {
    log(`training and inference on a ${cores}-thread pool…`);
    const threaded = await measureThreaded(cores, runs, quick ? 5 : 15);
    training.push(threaded.training);
    inference.push(...threaded.inference);
  }
  const baseline = options.baseline ? await measureBaseline(quick) : undefined;
  seedCnn.dispose();
  glyphnet.dispose();
  log('PyTorch peer…');
  const peer =
    options.python === null
      ? ({ ok: false, reason: 'skipped' } as const)
      : runTorchPeer(options.python ?? '/usr/bin/python3', 2, quick ? 5 : 15);
  const ours = fastestSeedCnnTraining(training);
  return {
    machine: machineInfo(),
    backend: engine.backend,
    wasmSimd: engine.wasmSimd,
    training,
    inference,
    ...(baseline && { baseline }),
    peer,
    ...(peer.ok && {
      versusPeer: {
        training: round2(ours.samplesPerSecond / peer.result.trainSamplesPerSecond),
        singleInference: round2(peer.result.inferenceMsSingle / fastestSeedCnn(inference)),
      },
    }),
  };
}

/** The seed CNN's best training configuration (the peer, too, uses every core). */
function fastestSeedCnnTraining(training: readonly TrainingFigure[]): TrainingFigure {
  const seedCnn = training.filter((figure) => figure.model === 'seed-cnn');
  return seedCnn.reduce((best, figure) => (figure.samplesPerSecond > best.samplesPerSecond ? figure : best));
}

/** The seed CNN's best single-image figure (the peer runs with as many threads as it may use). */
function fastestSeedCnn(inference: readonly InferenceFigure[]): number {
  return Math.min(
    ...inference.filter((figure) => figure.model === 'seed-cnn').map((figure) => figure.singleMs),
  );
}

function defaultWorkerCounts(): number[] {
  const cores = availableParallelism();
  return cores > 1 ? [cores] : [];
}

async function trainParallel(workers: number, steps: number): Promise<TrainingFigure> {
  const model = buildSeedCnn();
  const trainer = await ParallelTrainer.create(model, {
    optimizer: { kind: 'adam', learningRate: 1e-3 },
    seed: 1,
    workers,
  });
  try {
    return await measureTraining({
      model: 'seed-cnn',
      trainer,
      inputShape: [28, 28, 1],
      numClasses: 10,
      batchSize: trainingBatch,
      warmupSteps: 2,
      steps,
      workers,
    });
  } finally {
    await trainer.dispose();
    model.dispose();
  }
}

/** The seed CNN on stock wasm kernels plus only the filter gradient they lack (the "before"). */
async function measureBaseline(quick: boolean): Promise<TrainingFigure> {
  unregisterTrainingKernels();
  registerTrainingKernels({ only: ['Conv2DBackpropFilter'] });
  const model = buildSeedCnn();
  try {
    return await trainOnce(
      'seed-cnn (stock wasm kernels + filter gradient)',
      model,
      [28, 28, 1],
      quick ? 2 : 4,
    );
  } finally {
    model.dispose();
    unregisterTrainingKernels();
    registerTrainingKernels();
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
