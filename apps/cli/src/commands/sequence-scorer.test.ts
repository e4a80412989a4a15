// `glyph sequence-scorer` and `glyph data line-pieces` end to end on a few lines of MNIST digits read
// by a copy of the shipped digits model.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSequenceScorer } from '@glyph/core/sequence-scorer';
import { resolveDataDir } from '@glyph/node/datasets';
import type { CliIo } from '../cli-io';
import { main } from '../main';

const digitsFolder = resolve(import.meta.dirname, '../../../../models/digits');
const SLOW = 300_000;

/** `$GLYPH_DATA_DIR` (run with GLYPH_DATA_DIR=../shared/datasets); without it, a missing-dataset error. */
const sharedDataDir = () => resolveDataDir();

async function glyph(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io: CliIo & { stdout: string; stderr: string } = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

let work = '';
let model = '';
const file = (name: string) => join(work, name);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'glyph-cli-scorer-'));
  model = file('digits');
  await mkdir(model);
  for (const name of ['model.json', 'group1-shard1of1.bin', 'metadata.json'])
    await copyFile(join(digitsFolder, name), join(model, name));
});
afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('glyph sequence-scorer', () => {
  it(
    'saves lattices, fits on them and writes the model’s sequence-scorer.json',
    async () => {
      const lattices = await glyph([
        'sequence-scorer',
        'lattices',
        '--model',
        model,
        '--count',
        '6',
        '--seed',
        '11',
        '--out',
        file('train.json'),
        '--data-dir',
        sharedDataDir(),
      ]);
      expect(lattices).toMatchObject({
        code: 0,
        stdout: `6 lines of mnist:train digits read by digits → ${file('train.json')}\n`,
      });
      const saved = JSON.parse(await readFile(file('train.json'), 'utf8')) as { lines: { text: string }[] };
      expect(saved.lines.map((l) => l.text)).toHaveLength(6);

      const fit = ['sequence-scorer', 'fit', '--model', model, '--fit', file('train.json')];
      const first = await glyph([...fit, '--hidden', '1', '--steps', '50', '--write']);
      expect(first.code).toBe(0);
      const out = first.stdout.split('\n');
      expect(out[0]).toMatch(/^step 50 loss \d+\.\d{5}$/);
      expect(out[1]).toMatch(
        /^current \(default\) fit: numbers [\d.]+ digits [\d.]+ length [\d.]+ reachable [\d.]+$/,
      );
      expect(out[2]).toMatch(/^fitted fit: numbers /);
      expect(out[3]).toBe(`Wrote ${join(model, 'sequence-scorer.json')}`);
      const artifact = parseSequenceScorer(
        JSON.parse(await readFile(join(model, 'sequence-scorer.json'), 'utf8')),
        model,
      );
      expect(artifact.model.id).toBe('digits');
      expect(artifact.hidden).toHaveLength(1);
      expect(artifact.fitted).toMatchObject({ lines: { fit: 6, check: 0 }, options: { steps: 50 } });

      // The model now reads lines with its own scorer; --check alone only measures it.
      const again = await glyph(['sequence-scorer', 'fit', '--model', model, '--check', file('train.json')]);
      expect(again.stdout).toMatch(/^current \(folder\) check: numbers /);
    },
    SLOW,
  );

  it('refuses bad usage with a clear message and exit code 2', async () => {
    const none = await glyph(['sequence-scorer', 'fit', '--model', model]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Pass --fit and\/or --check lattice files/);
    await writeFile(file('not-lattices.json'), '{"lines": 3}');
    const bad = await glyph([
      'sequence-scorer',
      'fit',
      '--model',
      model,
      '--check',
      file('not-lattices.json'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not-lattices\.json is not a lattice file .*glyph sequence-scorer lattices/);
    const split = await glyph([
      'sequence-scorer',
      'lattices',
      '--model',
      model,
      '--split',
      'val',
      '--out',
      file('x.json'),
    ]);
    expect(split.code).toBe(2);
    expect(split.stderr).toMatch(/--split must be train or test, got "val"/);
  });
});

describe('glyph data line-pieces', () => {
  it(
    'writes labelled digits cut out of lines as 80×80 PNGs in one folder per digit',
    async () => {
      const out = file('pieces');
      const run = await glyph([
        'data',
        'line-pieces',
        '--lines',
        '4',
        '--seed',
        '21',
        '--out',
        out,
        '--data-dir',
        sharedDataDir(),
      ]);
      expect(run.code).toBe(0);
      const [, pieces, cut] =
        /^(\d+) pieces \((\d+) cut from touching digits\) from 4 lines → /.exec(run.stdout) ?? [];
      const folders = (await readdir(out)).sort();
      expect(folders).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      const files = (
        await Promise.all(folders.map(async (d) => (await readdir(join(out, d))).map((f) => join(out, d, f))))
      ).flat();
      expect(files.length).toBe(Number(pieces));
      // Lines of 3–8 digits: most digits give a whole piece, touching ones a cut piece too.
      expect(Number(pieces)).toBeGreaterThan(4);
      expect(Number(pieces)).toBeLessThanOrEqual(4 * 8 * 2);
      expect(files.filter((f) => f.endsWith('-cut.png')).length).toBe(Number(cut));
      // A dark digit on a white square (stored as gray RGB).
      const { data, info } = await sharp(files[0]).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([80, 80]);
      expect(data[0]).toBe(255);
      expect(Math.min(...data)).toBeLessThan(64);
    },
    SLOW,
  );
});
