// `glyph train` on a folder with one class folder stops with a usage error before any training,
// for ink-style and transfer models alike, and leaves no output folder behind.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '@glyph/node/image';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { main } from '../main';

let work = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'glyph-train-one-class-'));
  await mkdir(join(work, 'photos', 'cat'), { recursive: true });
  for (let i = 0; i < 3; i++) {
    const data = new Uint8Array(12 * 12 * 3).fill(40 * i);
    await writeFile(
      join(work, 'photos', 'cat', `${i}.png`),
      await encodePng({ data, width: 12, height: 12, channels: 3 }),
    );
  }
});
afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('glyph train on one class', () => {
  it.each([['seed-alphabet', '--input', '10x10x1'], ['transfer']])(
    '--model %s exits 2 naming the class and the fix',
    async (model, ...extra) => {
      const out = join(work, `out-${model}`);
      const io: CliIo & { stdout: string; stderr: string } = {
        stdout: '',
        stderr: '',
        out: (text) => void (io.stdout += text),
        err: (text) => void (io.stderr += text),
      };
      const argv = ['train', '--dataset', `folder:${join(work, 'photos')}`, '--model', model, ...extra];
      expect(await main([...argv, '--epochs', '1', '--backend', 'cpu', '--out', out], io)).toBe(2);
      expect(io.stderr).toMatch(
        /^error \[BAD_USAGE\]: folder:.* holds only one class \(cat\), .*at least two/,
      );
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
      expect(io.stdout).not.toMatch(/epoch/i);
      expect(existsSync(out)).toBe(false);
    },
  );
});
