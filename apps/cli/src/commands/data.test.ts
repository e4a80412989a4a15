import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerDataCommand } from './data';
import { progressReporter } from './data-progress';

function sharedDataDir(): string {
  const dir = process.env.GLYPH_DATA_DIR;
  if (!dir) {
    throw new Error(
      'GLYPH_DATA_DIR is not set: run the tests with GLYPH_DATA_DIR=../shared/datasets (see README).',
    );
  }
  return resolve(dir);
}

/** Runs `glyph data …` through commander and returns what it printed. */
async function runData(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const captured = { stdout: '', stderr: '' };
  const io = {
    out: (t: string) => void (captured.stdout += t),
    err: (t: string) => void (captured.stderr += t),
  };
  const program = new Command('glyph').exitOverride();
  registerDataCommand(program, io);
  await program.parseAsync(['data', ...args], { from: 'user' });
  return captured;
}

const scratch: string[] = [];
afterAll(async () => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('glyph data', () => {
  it('list --json reports which splits are present', async () => {
    const { stdout } = await runData(['list', '--json', '--data-dir', sharedDataDir()]);
    const listed = JSON.parse(stdout) as { datasets: { name: string; splits: Record<string, string> }[] };
    const byName = Object.fromEntries(listed.datasets.map((entry) => [entry.name, entry.splits]));
    expect(byName.mnist).toEqual({ train: 'present', test: 'present' });
    expect(byName['emnist-letters']).toEqual({ train: 'missing', test: 'assembled' });
  });

  it('show prints split sizes and class counts, and --out writes a contact sheet', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glyph-cli-'));
    scratch.push(dir);
    const out = join(dir, 'grid.png');
    const { stdout } = await runData([
      'show',
      'mnist:test',
      '--data-dir',
      sharedDataDir(),
      '--out',
      out,
      '--samples',
      '5',
    ]);
    expect(stdout).toMatch(/splits {3}test 10000/);
    expect(stdout).toMatch(/^5 +892$/m);
    expect(stdout).toContain(`Contact sheet of mnist:test written to ${out}`);
    const png = await readFile(out);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR height (big-endian at byte 20): a title row plus ten class rows of 56 px.
    expect(png.readUInt32BE(20)).toBeGreaterThan(10 * 56);
  });

  it('show --json --holdout reports the content-hash partition', async () => {
    const { stdout } = await runData([
      'show',
      'mnist:test',
      '--data-dir',
      sharedDataDir(),
      '--holdout',
      '0.2',
      '--json',
    ]);
    const summary = JSON.parse(stdout) as { holdout: unknown; splits: { split: string; count: number }[] };
    expect(summary.holdout).toEqual({ fraction: 0.2, method: 'content-hash' });
    expect(summary.splits.map((split) => split.split)).toEqual(['train', 'test']);
    expect(summary.splits[0].count + summary.splits[1].count).toBe(10000);
  });

  it.each([
    [['show', 'mnist', '--holdout', '2'], 'BAD_USAGE', '--holdout must be a fraction'],
    [['show', 'mnist', '--size', 'big'], 'BAD_USAGE', '--size must look like 28x28'],
    [['show', 'mnist', '--channels', '4'], 'BAD_USAGE', '--channels must be 1'],
    [['show', 'imagenet'], 'DATASET_UNKNOWN', 'Known datasets: mnist'],
    [['download', 'imagenet'], 'DATASET_UNKNOWN', 'Downloadable: mnist, emnist'],
  ])('rejects %j with %s', async (args, code, message) => {
    await expect(runData(args)).rejects.toMatchObject({ code, message: expect.stringContaining(message) });
  });
});

describe('progressReporter', () => {
  it('writes a few plain lines off a terminal and a redrawn bar on one', () => {
    const plain: string[] = [];
    const reporter = progressReporter((text) => plain.push(text), false);
    for (let done = 0; done <= 100; done++) reporter.update('file.gz', done * 1e5, 1e7, 'bytes');
    reporter.end();
    expect(plain).toEqual([
      'file.gz 0% 0.0 MB/10.0 MB\n',
      'file.gz 25% 2.5 MB/10.0 MB\n',
      'file.gz 50% 5.0 MB/10.0 MB\n',
      'file.gz 75% 7.5 MB/10.0 MB\n',
      'file.gz 100% 10.0 MB/10.0 MB\n',
    ]);
    const tty: string[] = [];
    const bar = progressReporter((text) => tty.push(text), true);
    bar.update('images', 5, 10);
    bar.end();
    expect(tty).toEqual([`\r\x1b[2Kimages [${'#'.repeat(15)}${'-'.repeat(15)}] 50% 5/10`, '\n']);
  });
});
