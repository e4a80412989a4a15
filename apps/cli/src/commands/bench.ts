import type { Command } from 'commander';
import { formatBenchmark, runBenchmark } from '@glyph/node/benchmark';
import type { CliIo } from '../cli-io';

/** `glyph bench`: training samples/s and inference latency on this machine, beside the PyTorch peer. */
export function registerBenchCommand(program: Command, io: CliIo): void {
  program
    .command('bench')
    .description('Measure training samples/s and inference latency of the engine on this machine.')
    .option('--json', 'print one JSON object (progress goes to stderr)')
    .option('--quick', 'fewer steps and runs: a rough figure in about a minute')
    .option('--baseline', 'also time the stock wasm kernels with only the missing filter gradient')
    .option('--python <path>', 'Python with PyTorch for the peer benchmark', '/usr/bin/python3')
    .option('--no-peer', 'skip the PyTorch peer')
    .action(
      async (raw: { json?: boolean; quick?: boolean; baseline?: boolean; python: string; peer: boolean }) => {
        const report = await runBenchmark({
          quick: raw.quick === true,
          baseline: raw.baseline === true,
          python: raw.peer ? raw.python : null,
          log: (line) => io.err(`${line}\n`),
        });
        io.out(raw.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchmark(report));
      },
    );
}
