export {
  formatBenchmark,
  runBenchmark,
  type BenchmarkOptions,
  type BenchmarkReport,
} from './benchmark/index';
export { initNodeEngine, type NodeEngineOptions } from './init-node-engine';
export { ParallelTrainer, type ParallelTrainerOptions } from './parallel/index';
export { wasmBinaryDirectory } from './wasm-directory';
