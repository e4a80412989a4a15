/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// Builds apps/web/dist when any input is newer than the last build. Test files run in parallel
// processes, so a lock directory makes one build and the others wait for it.
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const webDir = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = path.join(webDir, 'dist');
const repoDir = path.resolve(webDir, '../..');
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', '../../packages/core/src'];
const lockDir = path.join(tmpdir(), 'glyph-web-build.lock');

async function newestMtimeMs(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((entry) => newestMtimeMs(path.join(target, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function isStale(): Promise<boolean> {
  const built = await stat(path.join(distDir, 'precache.json')).catch(() => null);
  if (!built) return true;
  const times = await Promise.all(inputs.map((input) => newestMtimeMs(path.join(webDir, input))));
  return Math.max(...times) > built.mtimeMs;
}

async function acquireLock(): Promise<void> {
  for (let waitedMs = 0; ; waitedMs += 250) {
    try {
      await mkdir(lockDir);
      return;
    } catch {
      if (waitedMs > 180_000) await rm(lockDir, { recursive: true, force: true }); // a crashed builder
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function ensureWebBuild(): Promise<string> {
  if (!(await isStale())) return distDir;
  await acquireLock();
  try {
    if (await isStale()) {
      const vite = path.join(webDir, 'node_modules/vite/bin/vite.js');
      await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
        cwd: webDir,
        env: { ...process.env, NO_COLOR: '1', NODE_ENV: 'production' },
      });
    }
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
  return distDir;
}

export { repoDir };
