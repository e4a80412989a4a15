// `glyph data show` on a folder lists the entries it did not read, each with its reason, once.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '@glyph/node/image';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerDataCommand } from './data';

const scratch: string[] = [];
afterAll(async () => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

async function runData(args: string[]): Promise<string> {
  let stdout = '';
  const program = new Command('glyph').exitOverride();
  registerDataCommand(program, { out: (text: string) => void (stdout += text), err: () => undefined });
  await program.parseAsync(['data', ...args], { from: 'user' });
  return stdout;
}

describe('glyph data show folder:', () => {
  it('prints the skipped entries with their reasons in its notes, and loads the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'glyph-cli-skips-'));
    scratch.push(dir);
    for (const [name, value] of [
      ['a', 20],
      ['b', 220],
    ] as const) {
      await mkdir(join(dir, name));
      const image = { data: new Uint8Array(4 * 4).fill(value), width: 4, height: 4, channels: 1 as const };
      await writeFile(join(dir, name, '1.png'), await encodePng(image));
    }
    await writeFile(join(dir, 'a', 'notes.txt'), 'shot at noon');
    await writeFile(join(dir, 'b', 'empty.png'), new Uint8Array(0));
    const stdout = await runData(['show', `folder:${dir}`]);
    expect(stdout).toMatch(/splits {3}train 2/);
    expect(stdout).toContain(`Skipped 2 entries of ${dir} that are not a readable image (left in place`);
    expect(stdout).toMatch(/^ +a\/notes\.txt: not an image file name/m);
    expect(stdout).toMatch(/^ +b\/empty\.png: an empty file \(0 bytes\)$/m);
    expect(stdout.split('b/empty.png').length).toBe(2);
    const json = JSON.parse(await runData(['show', `folder:${dir}`, '--json'])) as {
      skipped: { count: number; examples: string[] };
    };
    expect(json.skipped).toEqual({
      count: 2,
      examples: [
        'a/notes.txt: not an image file name (.png, .jpg, .jpeg, .webp, .gif)',
        'b/empty.png: an empty file (0 bytes)',
      ],
    });
  });
});
