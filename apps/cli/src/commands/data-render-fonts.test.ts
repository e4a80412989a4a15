import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDataCommand } from './data';

async function runData(args: string[]): Promise<string> {
  let stdout = '';
  const program = new Command('glyph').exitOverride();
  registerDataCommand(program, { out: (text) => void (stdout += text), err: () => undefined });
  await program.parseAsync(['data', ...args], { from: 'user' });
  return stdout;
}

describe('glyph data render-fonts', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'glyph-render-fonts-'));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('renders a folder dataset; --fold-case puts capitals in the lower-case class', async () => {
    const out = join(root, 'folded');
    const args = ['--fonts', 'held-out', '--faces', 'go', '--chars', 'a,B', '--per-font', '1'];
    const stdout = await runData(['render-fonts', ...args, '--fold-case', '--out', out]);
    expect(stdout).toMatch(/^Wrote 2 images \(2 classes, 1 faces of the held-out fonts\)/);
    expect((await readdir(join(out, 'b'))).sort()).toEqual(['go-upper-0.png']);
    expect((await readdir(join(out, 'a'))).sort()).toEqual(['go-0.png']);
  });

  it('refuses unknown font sets, faces and out-of-range flags with a usage error', async () => {
    const out = join(root, 'never');
    for (const bad of [
      ['--fonts', 'all'],
      ['--fonts', 'held-out', '--photo', '2'],
      ['--fonts', 'held-out', '--per-font', '0'],
      ['--fonts', 'held-out', '--faces', 'dejavu-sans'],
      ['--fonts', 'train', '--chars', 'z-a'],
    ]) {
      await expect(runData(['render-fonts', ...bad, '--out', out])).rejects.toMatchObject({
        code: 'BAD_USAGE',
      });
    }
  });
});
