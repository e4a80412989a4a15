// Shared by the serving benchmarks: the models to serve and a real server process to serve them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { buildSeedThesis } from '@glyph/core/zoo';
import { saveModelFolder } from '@glyph/node/model-io';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

export interface AutocannonReport {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonReport>;
// Loaded through require: the package ships no types, and its CLI reads bodies as UTF-8 text.
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface BenchModels {
  readonly dir: string;
  /** The character model `POST /predict/` answers with. */
  readonly modelId: string;
  readonly description: string;
}

/**
 * The models to serve: `requested` if given, else the bundled models/ if they hold `chars`, else a
 * stand-in with the seed thesis network itself (62 classes, random weights, like the peer server).
 */
export async function benchModels(requested: string | undefined): Promise<BenchModels> {
  if (requested) {
    const modelId = await characterModelId(requested);
    return { dir: path.resolve(requested), modelId, description: `models from ${requested} (${modelId})` };
  }
  const bundled = path.join(repoRoot, 'models');
  if ((await readdir(bundled).catch(() => [] as string[])).includes('chars')) {
    return { dir: bundled, modelId: 'chars', description: 'bundled models/ (chars)' };
  }
  await tf.setBackend('cpu');
  const dir = await mkdtemp(path.join(tmpdir(), 'glyph-bench-models-'));
  const labels = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
  const model = buildSeedThesis({ inputShape: [28, 28, 1], numClasses: labels.length, seed: 1 });
  await saveModelFolder(model, path.join(dir, 'chars'), {
    id: 'chars',
    name: 'Seed thesis network, random weights (benchmark stand-in)',
    task: 'character',
    labels,
    input: { width: 28, height: 28, channels: 1 },
    preprocessing: { kind: 'ink-emnist' },
    dataset: { name: 'none', split: 'none', sha256: '0'.repeat(64) },
    metrics: { accuracy: 0 },
    training: { epochs: 0, seconds: 0, backend: 'none' },
    createdAt: new Date().toISOString(),
    version: '0',
  });
  model.dispose();
  return {
    dir,
    modelId: 'chars',
    description: 'stand-in: the seed thesis network (2.4 M parameters, random weights, ink-emnist) as chars',
  };
}

/** The model `POST /predict/` would pick: `chars`, else the first character model by folder name. */
async function characterModelId(dir: string): Promise<string> {
  const folders = (await readdir(dir)).sort();
  if (folders.includes('chars')) return 'chars';
  for (const folder of folders) {
    const metadata = await readFile(path.join(dir, folder, 'metadata.json'), 'utf8').then(
      JSON.parse,
      () => undefined,
    );
    if (metadata?.task === 'character') return String(metadata.id);
  }
  throw new Error(`${dir} holds no character model`);
}

export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  readonly feedbackDir: string;
  /** Resident memory of the whole server process (all threads), in MB. */
  rssMb(): Promise<number>;
  stop(): Promise<number | null>;
}

export interface StartOptions {
  /** The feedback folder (default: a new temporary one). */
  readonly feedbackDir?: string;
  /**
   * Keep the shipped per-client rate limits. Off by default: most benchmarks measure the server with
   * one client sending thousands of requests a second, which the limits would refuse.
   */
  readonly rateLimit?: boolean;
  /** Added to the server's environment (API keys, for instance). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts apps/server/src/server.ts as `glyph serve` starts it (its own process, `MALLOC_ARENA_MAX=2`)
 * on a free loopback port and waits until /readyz says ready. `extraArgs` come last, so they win.
 */
export async function startServer(
  modelsDir: string,
  extraArgs: readonly string[] = [],
  options: StartOptions = {},
): Promise<RunningServer> {
  const entry = path.join(repoRoot, 'apps/server/src/server.ts');
  const feedbackDir = options.feedbackDir ?? (await mkdtemp(path.join(tmpdir(), 'glyph-bench-feedback-')));
  const args = [
    '--import',
    'tsx',
    entry,
    '--port',
    '0',
    '--models',
    modelsDir,
    '--feedback-dir',
    feedbackDir,
  ];
  if (!options.rateLimit) args.push('--rate-limit', 'off');
  const child = spawn(process.execPath, [...args, '--web-dir', '', '--log-level', 'warn', ...extraArgs], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { MALLOC_ARENA_MAX: '2', ...process.env, ...options.env },
  });
  const [message] = (await once(child, 'message')) as [{ type: string; url: string; message?: string }];
  if (message.type !== 'listening') throw new Error(`server did not start: ${message.message}`);
  while (!(await fetch(`${message.url}/readyz`)).ok) await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    url: message.url,
    child,
    feedbackDir,
    async rssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      return (await exited)[0] as number | null;
    },
  };
}

/** A models folder serving only `modelId` of `models` (a copy of its folder): quick to start. */
export async function singleModelDir(models: BenchModels): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'glyph-bench-one-model-'));
  await cp(path.join(models.dir, models.modelId), path.join(dir, models.modelId), { recursive: true });
  return dir;
}

/** A 280×280 canvas as the original apps post it: RGBA PNG, black anti-aliased strokes on white. */
export async function canvasPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="280" height="280">
    <rect width="280" height="280" fill="white"/>
    <path d="M 190 60 L 100 60 L 92 135 Q 150 110 185 160 Q 200 230 120 235 Q 90 235 80 215"
      stroke="black" stroke-width="18" stroke-linecap="round" stroke-linejoin="round" fill="none"/>
  </svg>`;
  return sharp(Buffer.from(svg)).ensureAlpha().png().toBuffer();
}

/** The value below which `p` percent of `values` lie. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * CPU seconds (user + system) used so far by a process and all its descendants (gunicorn's workers,
 * the server's threads), from /proc. Divided by requests served, it is a cost per request that does
 * not depend on how busy the rest of the machine is.
 */
export async function processTreeCpuSeconds(rootPid: number): Promise<number> {
  const parents = new Map<number, number>();
  const cpuTicks = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 13) continue;
    parents.set(Number(entry), Number(fields[1]));
    cpuTicks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
  }
  const inTree = (pid: number): boolean => {
    for (
      let current: number | undefined = pid;
      current !== undefined && current > 1;
      current = parents.get(current)
    ) {
      if (current === rootPid) return true;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, used] of cpuTicks) if (inTree(pid)) ticks += used;
  return ticks / 100; // USER_HZ
}
