import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeRealModelsDir } from './test-support/real-model-folder';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, tinyMetadata } from './test-support/test-app';

const entry = fileURLToPath(new URL('./server.ts', import.meta.url));

interface Started {
  child: ChildProcess;
  url: string;
  /** Resolves when stdout has printed a log line containing `text`. */
  logged(text: string): Promise<void>;
  exit: Promise<number | null>;
}

function spawnServer(args: string[]): {
  child: ChildProcess;
  messages: unknown[];
  exit: Promise<number | null>;
  stdout: () => string;
} {
  const child = fork(entry, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const messages: unknown[] = [];
  let stdout = '';
  child.on('message', (message) => messages.push(message));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.resume();
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, messages, exit, stdout: () => stdout };
}

async function startServer(args: string[]): Promise<Started> {
  const spawned = spawnServer(args);
  const [message] = (await Promise.race([
    once(spawned.child, 'message'),
    spawned.exit.then(() => [undefined]),
  ])) as [{ type: string; url: string } | undefined];
  if (message?.type !== 'listening')
    throw new Error(`server did not start: ${JSON.stringify(spawned.messages)}`);
  const logged = async (text: string) => {
    while (!spawned.stdout().includes(text)) await once(spawned.child.stdout!, 'data');
  };
  return { child: spawned.child, url: message.url, logged, exit: spawned.exit };
}

async function waitReady(url: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/readyz`);
    if (response.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('server entry on a real port', () => {
  it('serves real model folders, then on SIGTERM finishes the in-flight request and exits 0', async () => {
    const models = await writeRealModelsDir([tinyMetadata('digits', digitLabels)]);
    const feedback = await mkdtemp(path.join(tmpdir(), 'glyph-feedback-'));
    const server = await startServer([
      '--port',
      '0',
      '--models',
      models,
      '--feedback-dir',
      feedback,
      '--web-dir',
      '',
      '--threads',
      '1', // one inference thread: the path through a worker is tested, at half the start-up cost
    ]);
    await waitReady(server.url);
    const png = await drawingPng();

    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'digit.png');
    const multipart = await fetch(`${server.url}/api/models/digits/predict?top=3`, {
      method: 'POST',
      body: form,
    });
    expect(multipart.status).toBe(200);
    const answer = await multipart.json();
    expect(answer.predictions).toHaveLength(3);
    expect(digitLabels).toContain(answer.predictions[0].label);

    // An upload that is still arriving when SIGTERM comes must be answered before the exit.
    const { port, hostname } = new URL(server.url);
    const request = http.request({
      host: hostname,
      port,
      method: 'POST',
      path: '/api/models/digits/predict?inflight=1',
      headers: { 'content-type': 'image/png', 'content-length': png.length },
    });
    const response = once(request, 'response').then(([res]) => res as http.IncomingMessage);
    request.write(png.subarray(0, 100));
    await server.logged('/api/models/digits/predict?inflight=1');
    server.child.kill('SIGTERM');
    await server.logged('shutting down');
    request.end(png.subarray(100));
    const inFlight = await response;
    let body = '';
    for await (const chunk of inFlight) body += chunk;
    expect(inFlight.statusCode).toBe(200);
    expect(JSON.parse(body).model).toBe('digits');
    expect(await server.exit).toBe(0);
    expect(await readdir(feedback)).toEqual([]);
  });

  it('exits with the exit code of its configuration problem, told to the parent', async () => {
    const missing = spawnServer(['--models', path.join(tmpdir(), 'no-such-glyph-models'), '--port', '0']);
    expect(await missing.exit).toBe(1);
    expect(missing.messages).toEqual([
      { type: 'fatal', code: 'MODEL_NOT_FOUND', message: expect.stringMatching(/--models/) },
    ]);
  });
});
