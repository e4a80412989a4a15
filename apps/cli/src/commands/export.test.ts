import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { saveTemplateModelFolder } from '@glyph/node/testing';
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

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await saveTemplateModelFolder();
});
afterAll(async () => {
  if (model !== '') await rm(dirname(model), { recursive: true, force: true });
});

describe('glyph export', () => {
  it('writes model.onnx with metadata.json beside it and reports the onnxruntime check', async () => {
    const io = captureIo();
    const out = join(dirname(model), 'onnx', 'templates.onnx');
    const code = await main(
      [
        'export',
        '--backend',
        'cpu',
        '--model',
        model,
        '--format',
        'onnx',
        '--out',
        out,
        '--check',
        '8',
        '--json',
      ],
      io,
    );
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(io.stdout);
    expect(result.onnxPath).toBe(out);
    expect(result.inputShape).toEqual([null, 28, 28, 1]);
    expect(result.parity.count).toBe(8);
    expect(result.parity.maxAbsDifference).toBeLessThanOrEqual(1e-4);
    expect(result.parity.top1Agreements).toBe(8);
    expect(JSON.parse(await readFile(join(dirname(out), 'metadata.json'), 'utf8')).id).toBe('templates');
  });

  it('refuses an unknown format with a usage error and a missing folder with exit code 1', async () => {
    const io = captureIo();
    expect(await main(['export', '--model', model, '--format', 'tflite'], io)).toBe(2);
    expect(io.stderr).toMatch(/BAD_USAGE.*Unknown export format "tflite".*onnx/);
    const missing = captureIo();
    expect(await main(['export', '--model', join(model, 'nope'), '--format', 'onnx'], missing)).toBe(1);
    expect(missing.stderr).toMatch(/MODEL_NOT_FOUND/);
  });
});
