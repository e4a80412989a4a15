/* eslint-disable no-restricted-imports -- browser tests run in Node and drive the real server; they are not app code. */
// The real Glyph server (`buildApp` from @glyph/server) on a free loopback port, serving the built
// web app and a models directory, with a fresh feedback directory.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeImage, encodePng } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import { buildApp, type AppDependencies } from '@glyph/server';

export interface RunningServer {
  readonly url: string;
  readonly feedbackDir: string;
  readonly modelsDir: string;
  /** Whether the server itself serves model files at /models/<id>/ (else this helper does). */
  readonly servesModelFiles: boolean;
  close(): Promise<void>;
}

/** The production adapters, as the server's own entry uses them. */
const dependencies: AppDependencies = { loadRecognizer: loadRecognizerFromFolder, decodeImage, encodePng };

async function waitUntilReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if ((await fetch(`${url}/readyz`).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The server at ${url} did not become ready (GET /readyz) within 30 s.`);
}

export async function startServer(options: { modelsDir: string; webDir: string }): Promise<RunningServer> {
  const feedbackDir = await mkdtemp(path.join(tmpdir(), 'glyph-web-feedback-'));
  const app = await buildApp({
    modelsDir: options.modelsDir,
    webDir: options.webDir,
    feedbackDir,
    logger: false,
    dependencies,
  });
  const servesModelFiles = app.hasRoute({ method: 'GET', url: '/models/:id/:file' });
  if (!servesModelFiles) {
    // Stand-in until the server serves model folders itself: in-browser inference needs the files.
    app.get<{ Params: { id: string; file: string } }>('/models/:id/:file', async (request, reply) => {
      const { id, file } = request.params;
      if (!/^[\w.-]+$/.test(id) || !/^[\w.-]+$/.test(file)) return reply.code(404).send();
      const bytes = await readFile(path.join(options.modelsDir, id, file)).catch(() => null);
      if (!bytes)
        return reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: 'no such model file' } });
      return reply.type(file.endsWith('.json') ? 'application/json' : 'application/octet-stream').send(bytes);
    });
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address.');
  const url = `http://127.0.0.1:${address.port}`;
  await waitUntilReady(url);
  return {
    url,
    feedbackDir,
    modelsDir: options.modelsDir,
    servesModelFiles,
    close: () => app.close(),
  };
}
