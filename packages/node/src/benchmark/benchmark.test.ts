import { describe, expect, it } from 'vitest';
import { formatBenchmark } from './format-benchmark';
import type { BenchmarkReport } from './run-benchmark';
import { runTorchPeer } from './torch-peer';

const report: BenchmarkReport = {
  machine: {
    cpu: 'Test CPU',
    cores: 2,
    memoryGb: 8,
    node: 'v20.0.0',
    platform: 'linux-x64',
    tfjs: '4.22.0',
    loadAverage1m: 0.5,
  },
  backend: 'wasm',
  wasmSimd: true,
  training: [
    {
      model: 'seed-cnn',
      batchSize: 128,
      workers: 1,
      threads: 1,
      steps: 5,
      samplesPerSecond: 300,
      bestSamplesPerSecond: 320,
      medianStepMs: 426.7,
    },
    {
      model: 'seed-cnn',
      batchSize: 128,
      workers: 2,
      threads: 1,
      steps: 5,
      samplesPerSecond: 520,
      bestSamplesPerSecond: 540,
      medianStepMs: 246.2,
    },
    {
      model: 'seed-cnn',
      batchSize: 128,
      workers: 1,
      threads: 2,
      steps: 5,
      samplesPerSecond: 510,
      bestSamplesPerSecond: 530,
      medianStepMs: 251,
    },
  ],
  inference: [
    {
      model: 'seed-cnn',
      threads: 1,
      singleMs: 0.9,
      singleLayersMs: 1.1,
      singleWithPreprocessMs: 1.4,
      batch64ImagesPerSecond: 9000,
    },
    {
      model: 'seed-cnn',
      threads: 2,
      singleMs: 0.55,
      singleLayersMs: 0.7,
      singleWithPreprocessMs: 1.1,
      batch64ImagesPerSecond: 17000,
    },
  ],
  peer: {
    ok: true,
    result: { peer: 'pytorch-1.13', threads: 2, trainSamplesPerSecond: 400, inferenceMsSingle: 1.4 },
  },
  versusPeer: { training: 0.75, singleInference: 1.56 },
};

describe('formatBenchmark', () => {
  it('prints every figure and the ratio to the peer', () => {
    const text = formatBenchmark(report);
    expect(text).toContain('seed-cnn, 1 thread');
    expect(text).toContain('seed-cnn, 2 workers');
    expect(text).toMatch(/520 \/ 540/);
    expect(text).toMatch(/seed-cnn, 1 process, 2 threads\s+510 \/ 530/);
    expect(text).toContain('training 0.75× the peer');
    expect(text).toMatch(/seed-cnn, 2 threads\s+0\.55 \/ 0\.7 \/ 1\.1\s+17000/);
  });

  it('says why the peer is missing', () => {
    const text = formatBenchmark({
      ...report,
      peer: { ok: false, reason: 'skipped' },
      versusPeer: undefined,
    });
    expect(text).toContain('peer      not measured: skipped');
  });
});

describe('runTorchPeer', () => {
  it('reports a missing interpreter instead of throwing', () => {
    const outcome = runTorchPeer('/nonexistent/python3', 2, 1);
    expect(outcome).toEqual({ ok: false, reason: expect.stringContaining('cannot import torch') });
  });
});
