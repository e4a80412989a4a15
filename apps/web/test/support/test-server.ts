/* eslint-disable no-restricted-imports -- browser tests run in Node and drive the real server; they are not app code. */
// The real Glyph server (`buildApp` from @glyph/server) on a free loopback port, serving the built
// web app and a models directory, with a fresh feedback directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeImage, encodePng } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import { buildApp, type AppDependencies } from '@glyph/server';

export interface RunningServer {
  readonly url: string;
  /** Fresh for this server; removed by `close()`. */
  readonly feedbackDir: string;
  readonly modelsDir: string;
  close(): Promise<void>;
}

/** The production adapters, as the server's own entry uses them. */
const dependencies: AppDependencies = { loadRecognizer: loadRecognizerFromFolder, decodeImage, encodePng };

/** Loading every shipped model takes seconds each on a busy 2-core machine: allow two minutes. */
const readyTimeoutMs = 120_000;

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if ((await fetch(`${url}/readyz`).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `The server at ${url} did not become ready (GET /readyz) within ${readyTimeoutMs / 1000} s.`,
  );
}

export interface ServerOptions {
  readonly modelsDir: string;
  readonly webDir: string;
  /** Hashed API key entries (`sha256:<hex> …`): writes then need a key, as `--api-keys` makes them. */
  readonly apiKeys?: readonly string[];
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const feedbackDir = await mkdtemp(path.join(tmpdir(), 'glyph-web-feedback-'));
  const app = await buildApp({
    modelsDir: options.modelsDir,
    webDir: options.webDir,
    feedbackDir,
    logger: false,
    // Without keys as `npm start` serves it (--no-auth): one local user, so writes need no API key.
    ...(options.apiKeys ? { apiKeys: options.apiKeys, requireKeys: true } : { requireKeys: false }),
    dependencies,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address.');
  const url = `http://127.0.0.1:${address.port}`;
  await waitUntilReady(url);
  return {
    url,
    feedbackDir,
    modelsDir: options.modelsDir,
    async close() {
      await app.close();
      await rm(feedbackDir, { recursive: true, force: true });
    },
  };
}
