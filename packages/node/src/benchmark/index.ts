export { formatBenchmark } from './format-benchmark';
export { runBenchmark, type BenchmarkOptions, type BenchmarkReport } from './run-benchmark';
