import { copyFile, mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

describe('GET /api/feedback/files/:model/:label/:file', () => {
  let test: TestApp;
  let stored: string;

  beforeAll(async () => {
    test = await startTestApp({ models: { letters: tinyMetadata('letters', ['a', 'A', '..']) } });
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { model: 'letters', label: 'A', image: dataUrl(await drawingPng(90)) },
    });
    expect(response.statusCode).toBe(201);
    stored = response.json().path;
  });
  afterAll(async () => {
    await test.app.close();
  });

  it('serves a stored sample as the PNG that was written', async () => {
    const [model, label, file] = stored.split('/');
    expect([model, label]).toEqual(['letters', '%41']);
    const response = await test.app.inject(`/api/feedback/files/letters/%2541/${file}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.rawPayload.equals(await readFile(path.join(test.feedbackDir, stored)))).toBe(true);
    const info = await sharp(response.rawPayload).metadata();
    expect([info.format, info.width, info.height]).toEqual(['png', 90, 90]);
  });

  it('answers 404 ROUTE_NOT_FOUND for anything but a stored sample, never a file outside the folder', async () => {
    const file = stored.split('/')[2];
    const labelDir = path.join(test.feedbackDir, 'letters', '%41');
    const outside = await mkdtemp(path.join(tmpdir(), 'glyph-outside-'));
    await copyFile(path.join(labelDir, file), path.join(outside, 'secret.png'));
    await copyFile(path.join(labelDir, file), path.join(test.feedbackDir, 'secret.png'));
    await copyFile(path.join(labelDir, file), path.join(labelDir, `.${file}.tmp`));
    await copyFile(path.join(labelDir, file), path.join(labelDir, '.hidden.png'));
    await mkdir(path.join(test.feedbackDir, 'letters', 'A'));
    await copyFile(path.join(labelDir, file), path.join(test.feedbackDir, 'letters', 'A', file));
    await symlink(path.join(outside, 'secret.png'), path.join(labelDir, 'link.png'));
    await symlink(outside, path.join(test.feedbackDir, 'letters', 'a'));
    await symlink(outside, path.join(test.feedbackDir, 'linked'));

    for (const url of [
      `/api/feedback/files/letters/%2541/..%2F..%2Fsecret.png`,
      `/api/feedback/files/letters/%2541/..%2F%2541%2F${file}`,
      `/api/feedback/files/letters/..%2F..%2F/secret.png`,
      `/api/feedback/files/%2E%2E/letters/secret.png`,
      `/api/feedback/files/../letters/%2541/${file}`,
      `/api/feedback/files/letters/%2541/..`,
      `/api/feedback/files/letters/%2541/.${file}.tmp`,
      `/api/feedback/files/letters/%2541/.hidden.png`,
      `/api/feedback/files/letters/%2541/link.png`, // a symbolic link to a file outside
      `/api/feedback/files/letters/a/secret.png`, // a symbolic link to a folder outside
      `/api/feedback/files/linked/a/secret.png`,
      `/api/feedback/files/letters/A/${file}`, // "A" is stored as %41; A/ is not the store's
      `/api/feedback/files/letters/%41/${file}`, // the same, decoded by the router
      `/api/feedback/files/letters/%2541/nope.png`,
      `/api/feedback/files/nope/%2541/${file}`,
      `/api/feedback/files/letters/%2541/${file.replace('.png', '.txt')}`,
      `/api/feedback/files/letters/%2541`,
    ]) {
      const response = await test.app.inject(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('ROUTE_NOT_FOUND');
    }
  });
});
