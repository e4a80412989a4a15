import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { encodePng } from '@glyph/node/image';
import { barStroke, drawPage, ringStroke, saveTemplateModelFolder } from '@glyph/node/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { main } from '../main';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

let model = '';
let work = '';
const file = (name: string) => join(work, name);

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await saveTemplateModelFolder();
  work = dirname(model);
  await writeFile(file('ring.png'), await encodePng(drawPage([ringStroke(120)])));
  await writeFile(file('bar.png'), await encodePng(drawPage([barStroke(90)])));
  await writeFile(file('blank.png'), await encodePng(drawPage([])));
  await writeFile(
    file('line.png'),
    await encodePng(drawPage([barStroke(60), ringStroke(200), ringStroke(330)], 420)),
  );
  await writeFile(file('notes.txt'), 'not an image');
});
afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe('glyph predict', () => {
  it('prints the top predictions per image and "no ink" for a blank one', async () => {
    const io = captureIo();
    const code = await main(
      [
        'predict',
        '--backend',
        'cpu',
        '--model',
        model,
        '--top',
        '2',
        file('ring.png'),
        file('bar.png'),
        file('blank.png'),
      ],
      io,
    );
    expect(code).toBe(0);
    const lines = io.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/ring\.png: 0 \d+\.\d% {2}1 \d+\.\d%$/);
    expect(lines[1]).toMatch(/bar\.png: 1 /);
    expect(lines[2]).toMatch(/blank\.png: no ink$/);
  });

  it('says "not a character (… try --sequence)" for a line read in single-character mode', async () => {
    const io = captureIo();
    const code = await main(['predict', '--backend', 'cpu', '--model', model, file('line.png')], io);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/line\.png: not a character \(several side by side: try --sequence\) {2}\(\d /);
    const json = captureIo();
    await main(
      ['predict', '--backend', 'cpu', '--model', model, '--json', file('line.png'), file('ring.png')],
      json,
    );
    const [line, ring] = JSON.parse(json.stdout).results;
    expect(line.rejected).toMatchObject({ reason: 'several-characters' });
    expect(ring).not.toHaveProperty('rejected');
  });

  it('reads a sequence and prints JSON', async () => {
    const io = captureIo();
    const code = await main(
      [
        'predict',
        '--backend',
        'cpu',
        '--model',
        model,
        '--sequence',
        '--charset',
        'digits',
        '--json',
        file('line.png'),
      ],
      io,
    );
    expect(code).toBe(0);
    const output = JSON.parse(io.stdout);
    expect(output.model).toBe('templates');
    expect(output.results[0]).toMatchObject({ file: file('line.png'), empty: false, text: '100' });
    expect(output.results[0].characters).toHaveLength(3);
  });

  it('reports an unreadable image with its code and still answers the others', async () => {
    const io = captureIo();
    const code = await main(
      ['predict', '--backend', 'cpu', '--model', model, file('notes.txt'), file('bar.png')],
      io,
    );
    expect(code).toBe(1);
    expect(io.stdout).toContain('notes.txt: error [UNSUPPORTED_MEDIA_TYPE]');
    expect(io.stdout).toContain('bar.png: 1 ');
    expect(io.stderr).toContain('1 of 2 image(s) could not be read');
  });

  it('rejects bad flags with exit code 2', async () => {
    const io = captureIo();
    expect(await main(['predict', '--model', model, '--top', '0', file('bar.png')], io)).toBe(2);
    expect(await main(['predict', '--model', model, '--charset', 'digits', file('bar.png')], io)).toBe(2);
    expect(
      await main(['predict', '--model', model, '--sequence', '--charset', 'emoji', file('bar.png')], io),
    ).toBe(2);
  });
});
