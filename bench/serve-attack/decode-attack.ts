// The decompression-amplification attack of issue 17 (defect 1): attackers keep 74 KB PNGs that
// inflate to 4096×4096 RGBA in flight, from loopback addresses of their own, while legitimate clients
// post 280×280 canvases from other addresses and separate processes probe /healthz and /readyz.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { amplifyingPng } from '@glyph/testkit/amplifying-png';
import { percentile, processTreeCpuSeconds, round1 } from '../serve-harness';
import { request, tally } from './http';

/** Probes `url` back to back from its own process (so the load generator's event loop is not measured). */
export function probe(url: string, seconds: number): Promise<number[]> {
  const script = `
    const until = Date.now() + ${seconds * 1000}; const ms = [];
    while (Date.now() < until) {
      const t = performance.now(); const r = await fetch(${JSON.stringify(url)}); await r.text();
      ms.push(performance.now() - t); await new Promise((s) => setTimeout(s, 10));
    }
    process.stdout.write(JSON.stringify(ms));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`probe ${code}`)))),
  );
}

export interface AttackOptions {
  /** Requests kept in flight. */
  readonly attackers: number;
  /** Loopback addresses they come from: 127.0.0.2, 127.0.0.3, … */
  readonly clients: number;
  /** Wait the Retry-After of a refusal before sending again (else re-send at once: a flood). */
  readonly honourRetryAfter: boolean;
}

/**
 * Keeps `attackers` requests in flight from a process of its own (so the attack does not slow the
 * legitimate load generator) until `stop()`, which resolves with the count of answers by status.
 */
export function attack(url: string, body: Buffer, options: AttackOptions) {
  const script = `
    const http = await import('node:http');
    const body = Buffer.from(process.env.ATTACK_BODY, 'base64'); const statuses = {}; let running = true;
    process.on('message', () => (running = false));
    const one = (from) => new Promise((resolve) => {
      const request = http.request(${JSON.stringify(url)}, { method: 'POST', localAddress: from, agent: false }, (response) => {
        response.resume();
        response.on('end', () => {
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          const waitS = ${options.honourRetryAfter} ? Number(response.headers['retry-after'] ?? 0) : 0;
          setTimeout(resolve, waitS * 1000);
        });
      });
      request.on('error', () => { statuses[0] = (statuses[0] ?? 0) + 1; resolve(); });
      request.end(body);
    });
    await Promise.all(Array.from({ length: ${options.attackers} }, async (_, index) => {
      const from = '127.0.0.' + (2 + (index % ${options.clients}));
      while (running) await one(from);
    }));
    process.send(statuses, () => process.exit(0));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ATTACK_BODY: body.toString('base64') },
  });
  const answers = new Promise<Record<string, number>>((resolve) =>
    child.once('message', (statuses) => resolve(statuses as Record<string, number>)),
  );
  return {
    stop: async () => {
      child.send('stop');
      return answers;
    },
  };
}

export interface LegitimateLoad {
  /** Requests in flight at once. */
  readonly connections: number;
  /**
   * Distinct client addresses (127.0.1.1, …) the connections take turns with, so that each client
   * stays within the shipped per-client rate limit, as many people drawing at once would.
   */
  readonly clients: number;
}

/** Posts `body` to `url` from `load.clients` keep-alive clients for `seconds`. */
export async function legitimateLoad(url: string, body: Buffer, load: LegitimateLoad, seconds: number) {
  const agents = Array.from({ length: load.clients }, (_, index) => ({
    from: `127.0.1.${1 + index}`,
    agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
  }));
  const latencies: number[] = [];
  const failures = new Map<number, number>();
  const until = performance.now() + seconds * 1000;
  const loop = async (index: number) => {
    for (let turn = index; performance.now() < until; turn += load.connections) {
      const { from, agent } = agents[turn % agents.length];
      const start = performance.now();
      const answer = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body,
        from,
        agent,
      }).catch(() => undefined);
      const status = answer?.status ?? 0;
      if (status === 200) latencies.push(performance.now() - start);
      else failures.set(status, (failures.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: load.connections }, (_, index) => loop(index)));
  for (const { agent } of agents) agent.destroy();
  return {
    perSecond: round1(latencies.length / seconds),
    p99Ms: round1(percentile(latencies, 99)),
    failures: Object.fromEntries(failures),
  };
}

export interface DecodePhase {
  readonly name: string;
  readonly healthzP99Ms: number;
  readonly healthzMaxMs: number;
  readonly readyzP99Ms: number;
  readonly canvasesPerSecond: number;
  readonly canvasP99Ms: number;
  /** Legitimate requests not answered 200, by status. */
  readonly canvasFailures: Record<string, number>;
  /** Server CPU (all threads) per second of the phase, in ms: 2000 is both cores of this machine. */
  readonly serverCpuMsPerSecond: number;
  /** Server CPU per canvas answered, in ms (everything the server did divided by canvases served). */
  readonly serverCpuMsPerCanvas: number;
  readonly attackAnswers?: Record<string, number>;
}

/** One measuring phase: probes and legitimate load, under `how` attack if given. */
export async function decodePhase(
  name: string,
  serverUrl: string,
  route: string,
  canvas: Buffer,
  options: { seconds: number; load: LegitimateLoad; attack?: AttackOptions; serverPid: number },
): Promise<DecodePhase> {
  const cpuBefore = await processTreeCpuSeconds(options.serverPid);
  const attacking = options.attack
    ? attack(`${serverUrl}${route}`, amplifyingPng(4096), options.attack)
    : undefined;
  const [healthz, readyz, legit] = await Promise.all([
    probe(`${serverUrl}/healthz`, options.seconds),
    probe(`${serverUrl}/readyz`, options.seconds),
    legitimateLoad(`${serverUrl}${route}`, canvas, options.load, options.seconds),
  ]);
  const cpuMs = ((await processTreeCpuSeconds(options.serverPid)) - cpuBefore) * 1000;
  const attackAnswers = await attacking?.stop();
  for (const [status, count] of Object.entries(attackAnswers ?? {}))
    for (let index = 0; index < count; index += 1) tally(Number(status));
  return {
    name,
    healthzP99Ms: round1(percentile(healthz, 99)),
    healthzMaxMs: round1(Math.max(...healthz)),
    readyzP99Ms: round1(percentile(readyz, 99)),
    canvasesPerSecond: legit.perSecond,
    canvasP99Ms: legit.p99Ms,
    canvasFailures: legit.failures,
    serverCpuMsPerSecond: Math.round(cpuMs / options.seconds),
    serverCpuMsPerCanvas: round1(cpuMs / (legit.perSecond * options.seconds)),
    attackAnswers,
  };
}
