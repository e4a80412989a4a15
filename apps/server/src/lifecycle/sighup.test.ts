import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, tinyMetadata, writeModelsDir } from '../test-support/test-app';
import { startGlyphServe, waitFor, type Served } from '@glyph/testkit/glyph-process';
import { publishVersion, writeRealModelFolder } from '../test-support/real-model-folder';

/** A predict request whose body arrives in two halves, `pauseMs` apart: a slow in-flight request. */
function slowPredict(
  url: URL,
  body: Buffer,
  duringPause: () => Promise<void>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', rest = ''] = text.split('\r\n\r\n', 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: rest });
    });
    socket.write(
      `POST /api/models/digits/predict HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: image/png\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    const half = Math.floor(body.length / 2);
    socket.write(body.subarray(0, half));
    void duringPause().then(() => socket.write(body.subarray(half)), reject);
  });
}

describe('glyph serve and SIGHUP', () => {
  let served: Served | undefined;
  afterEach(async () => {
    if (served && served.child.exitCode === null) {
      served.child.kill('SIGTERM');
      await once(served.child, 'exit');
    }
  });

  it('sweeps crash leftovers at start, reloads models on SIGHUP without dropping in-flight requests, keeps serving', async () => {
    const modelsDir = await writeModelsDir({ digits: tinyMetadata('digits', digitLabels) });
    const feedbackDir = await mkdtemp(path.join(tmpdir(), 'glyph-sighup-feedback-'));
    await mkdir(path.join(feedbackDir, 'digits', '7'), { recursive: true });
    await writeFile(path.join(feedbackDir, 'digits', '7', '.20260101T000000000Z-dead.png.tmp'), 'half');
    await mkdir(path.join(modelsDir, '.digits.upload-0badf00d'));
    served = await startGlyphServe([
      '--models',
      modelsDir,
      '--feedback-dir',
      feedbackDir,
      '--log-level',
      'info',
      // Reloads come from SIGHUP alone here; polling has its own test.
      '--model-poll-seconds',
      '0',
    ]);
    const { child, url } = served;
    const output = served.output;

    // Nothing half-written survives the start, and the start says so.
    expect(await readdir(path.join(feedbackDir, 'digits', '7'))).toEqual([]);
    expect(await readdir(modelsDir)).toEqual(['digits']);
    expect(output()).toMatch(/start-up sweep: 1 temporary file\(s\) and 1 upload folder\(s\)/);
    await waitFor(async () => ((await fetch(new URL('/readyz', url))).ok ? true : undefined), 60_000, output);

    // SIGHUP while a request's body is half sent: the request completes.
    const png = await drawingPng();
    const extraFolder = path.join(modelsDir, 'extra');
    const answer = await slowPredict(url, png, async () => {
      await writeRealModelFolder(extraFolder, tinyMetadata('extra', ['a', 'b']));
      child.kill('SIGHUP');
      await waitFor(() => (/models directory reloaded/.test(output()) ? true : undefined), 30_000, output);
    });
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body).predictions.length).toBeGreaterThan(0);

    // The reload served the new folder; the process is still up and answering.
    const models = (await (await fetch(new URL('/api/models', url))).json()) as { id: string }[];
    expect(models.map((model) => model.id).sort()).toEqual(['digits', 'extra']);
    expect(output()).toMatch(/"added":\[\{"model":"extra","version":1\}\]/);
    expect(output()).toMatch(/API keys reloaded/);

    // A second SIGHUP is another reload, not the end of `glyph serve`: it serves a published version 2.
    await publishVersion(path.join(modelsDir, 'digits'), 2, {
      ...tinyMetadata('digits', digitLabels),
      name: 'Digits v2',
    });
    child.kill('SIGHUP');
    await waitFor(
      () => (output().match(/models directory reloaded/g)?.length === 2 ? true : undefined),
      30_000,
      output,
    );
    expect(child.exitCode).toBeNull();
    const predicted = await fetch(new URL('/api/models/digits/predict', url), {
      method: 'POST',
      body: new Uint8Array(png),
    });
    expect(await predicted.json()).toMatchObject({ model: 'digits', version: 2 });
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 120_000);
});
