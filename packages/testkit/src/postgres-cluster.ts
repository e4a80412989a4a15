import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A throwaway PostgreSQL server for tests: its own data folder, a free loopback port, no password. */
export interface PostgresCluster {
  readonly port: number;
  /** A URL for a new, empty database on this server. */
  createDatabase(): Promise<string>;
  /** Stops the server (`mode` as `pg_ctl stop -m`), keeping its data. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

const user = 'glyph';
const systemUser = 'postgres';

/** `/usr/lib/postgresql/<version>/bin`, newest version first; fails the test if PostgreSQL is missing. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb). Run scripts/setup.sh, which installs Debian’s postgresql package.',
    );
  }
  return path.join(root, versions[0], 'bin');
}

/**
 * initdb into a temporary folder and start the server on a random free loopback port, its Unix
 * socket in that folder too. PostgreSQL refuses to run as root, so as root the binaries run as the
 * `postgres` user (`runuser`), which then owns the folder.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const root = await mkdtemp(path.join(tmpdir(), 'glyph-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', systemUser]);
    const { stdout: group } = await run('id', ['-g', systemUser]);
    await chown(root, Number(stdout.trim()), Number(group.trim()));
  }
  const tool = (name: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', systemUser, '--', path.join(bin, name), ...args])
      : run(path.join(bin, name), args);
  const data = path.join(root, 'data');
  await tool('initdb', ['-D', data, '-U', user, '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = () =>
    tool('pg_ctl', ['-D', data, '-o', options, '-l', path.join(root, 'log'), '-w', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast') =>
    tool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  await start();
  let databases = 0;
  const base = `postgres://${user}@127.0.0.1:${port}`;
  return {
    port,
    async createDatabase() {
      databases += 1;
      const name = `glyph_test_${databases}`;
      const client = new pg.Client(`${base}/postgres`);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    stop: async (mode) => void (await stop(mode)),
    start: async () => void (await start()),
    async destroy() {
      await stop('immediate').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
