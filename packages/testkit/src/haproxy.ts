import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './glyph-process';

/** The shipped proxy configuration: the tests run this file, not a copy of it. */
export const haproxyConfig = fileURLToPath(new URL('../../../deploy/haproxy.cfg', import.meta.url));

export interface ServerStat {
  readonly name: string;
  /** UP, DOWN, `UP 1/2` while changing state, … */
  readonly status: string;
  /** Connections open to the replica now: its requests in flight. */
  readonly current: number;
  /** Requests answered by the replica so far. */
  readonly total: number;
}

export interface RunningProxy {
  readonly url: URL;
  /** The `replicas` backend's servers, from the runtime API's `show stat`. */
  stats(): Promise<ServerStat[]>;
  stop(): Promise<void>;
  output(): string;
}

/** A free TCP port on loopback (free when asked; tests take it at once). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Debian's haproxy running `deploy/haproxy.cfg` in the foreground on a free loopback port, in front
 * of `replicas` (`host:port` each, at most two as the file names them).
 */
export async function startHaproxy(replicas: readonly [string, string]): Promise<RunningProxy> {
  if (spawnSync('haproxy', ['-v']).error) {
    throw new Error('haproxy is not installed: run `bash scripts/setup.sh` (it installs Debian haproxy).');
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'glyph-haproxy-'));
  const statsSocket = path.join(dir, 'stats.sock');
  const port = await freePort();
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', haproxyConfig], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GLYPH_PROXY_BIND: `127.0.0.1:${port}`,
      GLYPH_REPLICA_1: replicas[0],
      GLYPH_REPLICA_2: replicas[1],
      GLYPH_PROXY_STATS: statsSocket,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stats = () => showStat(statsSocket);
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited ${child.exitCode}:\n${output}`);
      return (await stats().catch(() => [])).length > 0 ? true : undefined;
    },
    15_000,
    () => output,
  );
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    stats,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `show stat` over the runtime API socket: the servers of the `replicas` backend. */
async function showStat(socketPath: string): Promise<ServerStat[]> {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(socketPath);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.end('show stat\n');
  });
  const [header, ...rows] = text.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const column = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
  return rows
    .map((line) => line.split(','))
    .filter(
      (row) =>
        column(row, 'pxname') === 'replicas' && !['FRONTEND', 'BACKEND'].includes(column(row, 'svname')),
    )
    .map((row) => ({
      name: column(row, 'svname'),
      status: column(row, 'status'),
      current: Number(column(row, 'scur')),
      total: Number(column(row, 'stot')),
    }));
}
