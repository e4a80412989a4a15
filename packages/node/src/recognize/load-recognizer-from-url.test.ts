// A model folder served over HTTP, loaded the way the browser loads it: the folder's optional files
// (calibration.json, sequence-scorer.json) are fetched beside model.json and metadata.json.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecognizerFromUrl, SEQUENCE_WEIGHTS } from '@glyph/core/recognize';
import { SEQUENCE_SCORER_FILE, sequenceScorerArtifact } from '@glyph/core/sequence-scorer';
import { saveTemplateModelFolder, templateMetadata } from '../testing';

let folder = '';
let server: Server;
let base = '';
const requested: string[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  folder = await saveTemplateModelFolder();
  server = createServer((request, response) => {
    const name = (request.url ?? '').split('/').pop() ?? '';
    requested.push(name);
    readFile(join(folder, name)).then(
      (bytes) => response.writeHead(200).end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/templates`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (folder !== '') await rm(dirname(folder), { recursive: true, force: true });
});

describe('loadRecognizerFromUrl', () => {
  it("fetches the folder's sequence scorer, goes on without one and refuses an invalid one", async () => {
    const bare = await loadRecognizerFromUrl(base);
    bare.dispose();
    expect(requested).toContain(SEQUENCE_SCORER_FILE);

    const artifact = sequenceScorerArtifact({ ...SEQUENCE_WEIGHTS, stray: -1 }, templateMetadata(), {});
    await writeFile(join(folder, SEQUENCE_SCORER_FILE), JSON.stringify(artifact));
    const fitted = await loadRecognizerFromUrl(base);
    fitted.dispose();

    await writeFile(join(folder, SEQUENCE_SCORER_FILE), JSON.stringify({ ...artifact, features: [] }));
    await expect(loadRecognizerFromUrl(base)).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining(`${base}: ${SEQUENCE_SCORER_FILE} weighs the features`),
    });
  });
});
