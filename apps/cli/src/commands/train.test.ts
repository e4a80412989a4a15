import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodePng } from '@glyph/node/image';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { main } from '../main';

const glyphBin = resolve(import.meta.dirname, '../../bin/glyph.js');

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

let work = '';
let dataset = '';

/** Two classes of 12×12 PNGs (dark horizontal or vertical bars on white), 16 each. */
async function writeBars(root: string): Promise<void> {
  for (const [name, horizontal] of [
    ['h', true],
    ['v', false],
  ] as const) {
    await mkdir(join(root, name), { recursive: true });
    for (let i = 0; i < 16; i++) {
      const data = new Uint8Array(144).fill(255);
      for (let k = 1; k < 11; k++) data[horizontal ? (2 + (i % 8)) * 12 + k : k * 12 + 2 + (i % 8)] = 20 + i;
      await writeFile(
        join(root, name, `${i}.png`),
        await encodePng({ data, width: 12, height: 12, channels: 1 }),
      );
    }
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'glyph-train-cli-'));
  await writeBars(join(work, 'bars'));
  dataset = `folder:${join(work, 'bars')}`;
});
afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

const tinyRun = (out: string, epochs: number) => [
  'train',
  '--dataset',
  dataset,
  '--model',
  'seed-alphabet',
  '--input',
  '10x10x1',
  '--epochs',
  String(epochs),
  '--batch-size',
  '4',
  '--backend',
  'cpu',
  '--workers',
  '1',
  '--augment',
  '--out',
  out,
];

describe('glyph train (usage errors, in process)', () => {
  it.each([
    [['train', '--out', 'x'], /needs --dataset/],
    [['train', '--dataset', 'mnist', '--model', 'resnet', '--out', 'x'], /Unknown --model "resnet"/],
    [['train', '--dataset', 'mnist', '--input', '28x28', '--out', 'x'], /--input must look like 28x28x1/],
    [['train', '--dataset', 'mnist', '--val-split', '1.5', '--out', 'x'], /--val-split must be a fraction/],
    [['train', '--dataset', 'mnist', '--augment', 'flip', '--out', 'x'], /--augment must be one of/],
    [
      ['train', '--dataset', 'folder:x', '--subject', 'face', '--out', 'x'],
      /--subject must be one of character/,
    ],
  ])('%j exits 2 with a clear message', async (argv, message) => {
    const io = captureIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stderr).toMatch(/^error \[BAD_USAGE\]/);
  });
});

describe('glyph train (real process)', () => {
  it('continues a run killed with SIGKILL from its last checkpoint and finishes all epochs', async () => {
    const out = join(work, 'killed');
    const epochs = 4;
    const first = spawn(process.execPath, [glyphBin, ...tinyRun(out, epochs)], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      first.on('exit', (_code, signal) => done(signal)),
    );
    await new Promise<void>((done, fail) => {
      const poll = setInterval(() => {
        if (existsSync(join(out, 'checkpoints', 'epoch-0001'))) {
          clearInterval(poll);
          first.kill('SIGKILL');
          done();
        }
      }, 20);
      first.on('exit', () => {
        clearInterval(poll);
        fail(new Error('glyph train exited before its first checkpoint'));
      });
    });
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(join(out, 'metadata.json'))).toBe(false);

    const io = captureIo();
    expect(await main([...tinyRun(out, epochs), '--resume'], io)).toBe(0);
    expect(io.stderr).toMatch(/Resuming after epoch \d with weights, optimizer moments and loop state/);
    const history = JSON.parse(await readFile(join(out, 'history.json'), 'utf8')) as { epoch: number }[];
    expect(history.map((logs) => logs.epoch)).toEqual([1, 2, 3, 4]);
    const metadata = JSON.parse(await readFile(join(out, 'metadata.json'), 'utf8'));
    expect(metadata.training.epochs).toBe(epochs);
    expect(await readdir(out)).not.toContain('checkpoints');
  });
});
