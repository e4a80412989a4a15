import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface PeerResult {
  readonly peer: string;
  readonly threads: number;
  /** Median step, like ours. */
  readonly trainSamplesPerSecond: number;
  readonly inferenceMsSingle: number;
}

export type PeerOutcome =
  { readonly ok: true; readonly result: PeerResult } | { readonly ok: false; readonly reason: string };

const script = fileURLToPath(new URL('./torch-seed-cnn.py', import.meta.url));

/**
 * Runs the PyTorch peer (the same seed CNN, batch 128, Adam) with `python` if it has torch.
 * Never throws: a missing interpreter or torch is reported as a reason, so the benchmark still runs.
 */
export function runTorchPeer(
  python: string,
  threads: number,
  steps: number,
  timeoutMs = 600_000,
): PeerOutcome {
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error || probe.status !== 0) {
    return { ok: false, reason: `${python} cannot import torch (install python3-torch to compare)` };
  }
  const run = spawnSync(python, [script, String(threads), String(steps)], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (run.error || run.status !== 0) {
    return {
      ok: false,
      reason: `the PyTorch peer failed: ${run.error?.message ?? run.stderr.trim().split('\n').pop()}`,
    };
  }
  try {
    return { ok: true, result: JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as PeerResult };
  } catch {
    return { ok: false, reason: `the PyTorch peer printed no JSON: ${run.stdout.slice(0, 200)}` };
  }
}
