import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadDataset } from '@glyph/node/datasets';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirNameToLabel } from '@glyph/node/datasets';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Every file under `dir`, as paths relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('POST /api/feedback', () => {
  const trickyLabels = ['a', 'A', '.', '..', '/', '../x', 'con'];
  let test: TestApp;
  let image: string;

  beforeAll(async () => {
    test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels), tricky: tinyMetadata('tricky', trickyLabels) },
    });
    image = dataUrl(await drawingPng(120));
  });
  afterAll(async () => {
    await test.app.close();
  });

  const post = (payload: object) => test.app.inject({ method: 'POST', url: '/api/feedback', payload });

  it('stores a decodable PNG at <dir>/<model>/<label>/<time>-<id>.png and answers 201', async () => {
    const response = await post({ model: 'digits', label: '7', image });
    expect(response.statusCode).toBe(201);
    const { path: stored } = response.json();
    expect(stored).toMatch(/^digits\/7\/\d{8}T\d{9}Z-[0-9a-f]{8}\.png$/);
    const info = await sharp(path.join(test.feedbackDir, stored)).metadata();
    expect([info.format, info.width, info.height]).toEqual(['png', 120, 120]);
  });

  it('loses nothing under 50 concurrent posts: 50 distinct, decodable files', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post({ model: 'digits', label: '3', image })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(50).fill(201));
    const files = (await listFiles(test.feedbackDir)).filter((file) =>
      file.startsWith(`digits${path.sep}3${path.sep}`),
    );
    expect(files).toHaveLength(50);
    expect(files.every((file) => file.endsWith('.png'))).toBe(true);
    const decoded = await Promise.all(files.map((file) => sharp(path.join(test.feedbackDir, file)).stats()));
    expect(decoded).toHaveLength(50);
  });

  it('keeps labels such as "..", "/" and case-only variants inside their own folders', async () => {
    for (const label of trickyLabels) {
      const response = await post({ model: 'tricky', label, image });
      expect(response.statusCode, label).toBe(201);
    }
    const files = (await listFiles(path.join(test.feedbackDir, 'tricky'))).map((file) =>
      file.split(path.sep),
    );
    expect(files.every((parts) => parts.length === 2)).toBe(true);
    const folders = files.map(([folder]) => folder);
    expect(new Set(folders.map((folder) => folder.toLowerCase())).size).toBe(trickyLabels.length);
    expect(folders.map(dirNameToLabel).sort()).toEqual([...trickyLabels].sort());
    // Nothing was written outside the model's folder, and no temporary file is left behind.
    expect((await readdir(test.feedbackDir)).sort()).toEqual(['digits', 'tricky']);
    expect((await listFiles(test.feedbackDir)).some((file) => file.includes('.tmp'))).toBe(false);
    // The model's feedback folder is a folder: dataset whose classes are the labels themselves.
    const { train } = await loadDataset(`folder:${path.join(test.feedbackDir, 'tricky')}`);
    expect([...train!.classNames].sort()).toEqual([...trickyLabels].sort());
    expect(train!.count).toBe(trickyLabels.length);
  });

  it('rejects labels the model does not have, unknown models and bad images', async () => {
    const cases: [object, number, string][] = [
      [{ model: 'digits', label: '../../etc', image }, 400, 'LABEL_UNKNOWN'],
      [{ model: 'digits', label: 'x', image }, 400, 'LABEL_UNKNOWN'],
      [{ model: 'tricky', label: '../../x', image }, 400, 'LABEL_UNKNOWN'],
      [{ model: 'nope', label: '1', image }, 404, 'MODEL_NOT_FOUND'],
      [{ model: 'digits', label: '1' }, 400, 'BAD_USAGE'],
      [{ model: 'digits', label: '', image }, 400, 'BAD_USAGE'],
      [{ model: 'digits', label: '1', image: 'not a data url' }, 400, 'BAD_USAGE'],
      [
        {
          model: 'digits',
          label: '1',
          image: `data:image/png;base64,${Buffer.from('hello').toString('base64')}`,
        },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [{ model: 'digits', label: '1', image: image.slice(0, 200) }, 422, 'IMAGE_UNDECODABLE'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
    const notJson = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
  });
});
