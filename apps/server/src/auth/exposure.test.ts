// The server entry on real ports: refuses to listen beyond loopback without keys, and with a keys
// file answers writes over HTTP only with a key.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeRealModelsDir } from '../test-support/real-model-folder';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, tinyMetadata } from '../test-support/test-app';
import { generateApiKey, hashApiKey } from './api-key-entries';

const entry = fileURLToPath(new URL('../server.ts', import.meta.url));

interface Outcome {
  readonly message: { type: string; url?: string; code?: string; message?: string };
  readonly exit: Promise<number | null>;
  readonly stop: () => Promise<number | null>;
}

/** Starts the entry; resolves with its first IPC message (listening or fatal). */
async function start(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const child = fork(entry, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: { ...process.env, ...env },
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const [message] = (await once(child, 'message')) as [Outcome['message']];
  return {
    message,
    exit,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}

/** Polls `/readyz` over loopback (the server listens on every interface); returns the base URL used. */
async function waitReady(listeningUrl: string): Promise<string> {
  const url = `http://127.0.0.1:${new URL(listeningUrl).port}`;
  while (!(await fetch(`${url}/readyz`)).ok) await new Promise((resolve) => setTimeout(resolve, 50));
  return url;
}

describe('exposure beyond loopback (real port)', () => {
  it('refuses --host 0.0.0.0 without a key (exit 2), unless --allow-no-auth; --no-auth there needs it too', async () => {
    const models = await writeRealModelsDir([tinyMetadata('digits', digitLabels)]);
    const base = ['--models', models, '--port', '0', '--host', '0.0.0.0', '--web-dir', ''];
    for (const extra of [[], ['--no-auth']]) {
      const refused = await start([...base, ...extra], { GLYPH_API_KEYS: '' });
      expect(refused.message).toEqual({
        type: 'fatal',
        code: 'BAD_USAGE',
        message: expect.stringMatching(/--host 0\.0\.0\.0.*--allow-no-auth/),
      });
      expect(await refused.exit).toBe(2);
    }
    const allowed = await start([...base, '--allow-no-auth'], { GLYPH_API_KEYS: '' });
    expect(allowed.message.type).toBe('listening');
    // Stopped once it answers, so its SIGTERM handler is surely in place.
    await waitReady(allowed.message.url!);
    expect(await allowed.stop()).toBe(0);
  }, 60_000);

  it('listens on 0.0.0.0 with a keys file: predict public, feedback 401 without the key and 201 with it', async () => {
    const models = await writeRealModelsDir([tinyMetadata('digits', digitLabels)]);
    const key = generateApiKey();
    const keys = path.join(await mkdtemp(path.join(tmpdir(), 'glyph-keys-')), 'keys.txt');
    await writeFile(keys, `${hashApiKey(key)} test\n`);
    const server = await start(
      ['--models', models, '--port', '0', '--host', '0.0.0.0', '--web-dir', '', '--api-keys', keys],
      { GLYPH_FEEDBACK_DIR: await mkdtemp(path.join(tmpdir(), 'glyph-feedback-')) },
    );
    try {
      expect(server.message.type).toBe('listening');
      const url = await waitReady(server.message.url!);
      const image = dataUrl(await drawingPng(64));
      const post = (path: string, headers: Record<string, string>, body: object) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      expect((await post('/api/models/digits/predict', {}, { image })).status).toBe(200);
      const anonymous = await post('/api/feedback', {}, { model: 'digits', label: '7', image });
      expect([
        anonymous.status,
        ((await anonymous.json()) as { error: { code: string } }).error.code,
      ]).toEqual([401, 'UNAUTHORIZED']);
      const keyed = await post(
        '/api/feedback',
        { authorization: `Bearer ${key}` },
        { model: 'digits', label: '7', image },
      );
      expect(keyed.status).toBe(201);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 60_000);
});
