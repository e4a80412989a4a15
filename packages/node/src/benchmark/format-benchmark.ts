import type { BenchmarkReport } from './run-benchmark';

/** The benchmark report as a short plain-text table for the terminal. */
export function formatBenchmark(report: BenchmarkReport): string {
  const { machine } = report;
  const lines = [
    `machine   ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.platform}, Node ${machine.node}, load ${machine.loadAverage1m}`,
    `engine    tfjs ${machine.tfjs} on ${report.backend}${report.wasmSimd ? ' (SIMD)' : ''} with Glyph training kernels`,
    '',
    'training (batch 128, Adam)                 samples/s (median / best step)',
  ];
  for (const figure of report.training) {
    const label =
      figure.workers > 1
        ? `${figure.model}, ${figure.workers} workers`
        : `${figure.model}, ${figure.threads === 1 ? '1 thread' : `1 process, ${figure.threads} threads`}`;
    lines.push(
      `  ${label.padEnd(40)} ${String(figure.samplesPerSecond).padStart(8)} / ${figure.bestSamplesPerSecond}`,
    );
  }
  if (report.baseline) {
    lines.push(
      `  ${report.baseline.model.padEnd(40)} ${String(report.baseline.samplesPerSecond).padStart(8)} / ${report.baseline.bestSamplesPerSecond}`,
    );
  }
  lines.push(
    '',
    'inference                  single ms (model / Layers API / +preprocess)   batch-64 images/s',
  );
  for (const figure of report.inference) {
    const label = `${figure.model}, ${figure.threads} thread${figure.threads === 1 ? '' : 's'}`;
    const single = `${figure.singleMs} / ${figure.singleLayersMs} / ${figure.singleWithPreprocessMs}`;
    lines.push(`  ${label.padEnd(24)} ${single.padEnd(46)} ${figure.batch64ImagesPerSecond}`);
  }
  lines.push('');
  if (report.peer.ok) {
    const peer = report.peer.result;
    lines.push(
      `peer      ${peer.peer}, ${peer.threads} threads: ${peer.trainSamplesPerSecond} samples/s, ${peer.inferenceMsSingle} ms single image`,
    );
    if (report.versusPeer) {
      lines.push(
        `ratio     training ${report.versusPeer.training}× the peer, single-image inference ${report.versusPeer.singleInference}× faster`,
      );
    }
  } else {
    lines.push(`peer      not measured: ${report.peer.reason}`);
  }
  return lines.join('\n') + '\n';
}
