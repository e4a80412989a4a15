import { copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

interface Listing {
  samples: { model: string; label: string; path: string; url: string }[];
  counts: { model: string; label: string; count: number }[];
  total: number;
  truncated: boolean;
}

describe('GET /api/feedback', () => {
  let test: TestApp;
  /** Paths answered by POST /api/feedback, in posting order. */
  const posted: string[] = [];

  const list = async (query = ''): Promise<Listing> => {
    const response = await test.app.inject(`/api/feedback${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    test = await startTestApp({
      models: {
        digits: tinyMetadata('digits', digitLabels),
        tricky: tinyMetadata('tricky', ['A', '..', 'é']),
      },
    });
    const image = dataUrl(await drawingPng(64));
    for (const [model, label] of [
      ['digits', '7'],
      ['digits', '7'],
      ['digits', '3'],
      ['tricky', 'A'],
      ['tricky', '..'],
      ['tricky', 'é'],
    ]) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/feedback',
        payload: { model, label, image },
      });
      expect(response.statusCode).toBe(201);
      posted.push(response.json().path);
    }
    // Two samples with known times, the oldest and the newest of all.
    const source = path.join(test.feedbackDir, posted[0]);
    await copyFile(source, path.join(test.feedbackDir, 'digits/7/20000101T000000000Z-00000000.png'));
    await copyFile(source, path.join(test.feedbackDir, 'digits/3/29991231T235959999Z-ffffffff.png'));
  });
  afterAll(async () => {
    await test.app.close();
  });

  it('lists every stored sample newest first, with decoded labels, per-label counts and URLs', async () => {
    const listing = await list();
    expect(listing.total).toBe(8);
    expect(listing.truncated).toBe(false);
    expect(listing.samples).toHaveLength(8);
    expect(listing.samples[0].path).toBe('digits/3/29991231T235959999Z-ffffffff.png');
    expect(listing.samples.at(-1)!.path).toBe('digits/7/20000101T000000000Z-00000000.png');
    const fileNames = listing.samples.map((sample) => sample.path.split('/')[2]);
    expect(fileNames).toEqual([...fileNames].sort().reverse());
    expect(listing.samples.map((sample) => sample.path).sort()).toEqual(
      [
        ...posted,
        'digits/7/20000101T000000000Z-00000000.png',
        'digits/3/29991231T235959999Z-ffffffff.png',
      ].sort(),
    );
    const a = listing.samples.find((sample) => sample.label === 'A')!;
    expect(a).toEqual({
      model: 'tricky',
      label: 'A',
      path: expect.stringMatching(/^tricky\/%41\/\d{8}T\d{9}Z-[0-9a-f]{8}\.png$/),
      url: `/api/feedback/files/tricky/%2541/${a.path.split('/')[2]}`,
    });
    expect(listing.counts).toEqual([
      { model: 'digits', label: '3', count: 2 },
      { model: 'digits', label: '7', count: 3 },
      { model: 'tricky', label: '..', count: 1 },
      { model: 'tricky', label: 'A', count: 1 },
      { model: 'tricky', label: 'é', count: 1 },
    ]);
  });

  it("serves each listed sample's PNG at its url, byte for byte", async () => {
    for (const sample of (await list()).samples) {
      const response = await test.app.inject(sample.url);
      expect(response.statusCode, sample.url).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.rawPayload.equals(await readFile(path.join(test.feedbackDir, sample.path)))).toBe(true);
    }
  });

  it('filters by model and limits to the newest samples, still counting all of them', async () => {
    const tricky = await list('?model=tricky');
    expect(tricky.samples.map((sample) => sample.model)).toEqual(['tricky', 'tricky', 'tricky']);
    expect(tricky.total).toBe(3);
    expect(tricky.counts.every((count) => count.model === 'tricky')).toBe(true);

    const newest = await list('?limit=2');
    expect(newest.samples.map((sample) => sample.path)).toEqual(
      (await list()).samples.slice(0, 2).map((sample) => sample.path),
    );
    expect([newest.total, newest.truncated]).toEqual([8, true]);
    expect(newest.counts.reduce((sum, count) => sum + count.count, 0)).toBe(8);

    const countsOnly = await list('?model=digits&limit=0');
    expect([countsOnly.samples.length, countsOnly.total, countsOnly.truncated]).toEqual([0, 5, true]);
    expect(await list('?model=nope')).toEqual({ samples: [], counts: [], total: 0, truncated: false });
  });

  it('refuses a malformed limit or model with BAD_USAGE', async () => {
    for (const query of ['?limit=-1', '?limit=5001', '?limit=ten', '?limit=1.5', '?model=']) {
      const response = await test.app.inject(`/api/feedback${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code, query).toBe('BAD_USAGE');
    }
  });

  it('skips temporary files, hidden entries, other names and symbolic links', async () => {
    const before = await list();
    const png = path.join(test.feedbackDir, posted[0]);
    const outside = await mkdtemp(path.join(tmpdir(), 'glyph-outside-'));
    await mkdir(path.join(outside, '7'));
    await copyFile(png, path.join(outside, '7', 'secret.png'));
    const junk: Record<string, string | null> = {
      'digits/7/.20250101T000000000Z-12345678.png.tmp': png,
      'digits/7/.hidden.png': png,
      'digits/7/notes.txt': null,
      'digits/7/sample.jpg': png,
      'digits/loose.png': png,
      'loose.png': png,
      'digits/A/x.png': png, // "A" would be stored as %41
      'digits/%61/x.png': png, // "a" would be stored as a
      '.hidden/7/x.png': png,
      'Digits/7/x.png': png, // model ids are lower-case
    };
    for (const [relative, source] of Object.entries(junk)) {
      const target = path.join(test.feedbackDir, relative);
      await mkdir(path.dirname(target), { recursive: true });
      if (source === null) await writeFile(target, 'not a sample');
      else await copyFile(source, target);
    }
    await mkdir(path.join(test.feedbackDir, 'digits', '5', 'folder.png'), { recursive: true });
    await symlink(
      path.join(outside, '7', 'secret.png'),
      path.join(test.feedbackDir, 'digits', '7', 'link.png'),
    );
    await symlink(path.join(outside, '7'), path.join(test.feedbackDir, 'digits', '8'));
    await symlink(outside, path.join(test.feedbackDir, 'linked'));

    expect(await list()).toEqual(before);
  });
});

describe('GET /api/feedback without a feedback directory', () => {
  it('answers an empty listing', async () => {
    const test = await startTestApp({ feedbackDir: path.join(tmpdir(), 'glyph-no-such-feedback-dir', 'x') });
    const response = await test.app.inject('/api/feedback');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ samples: [], counts: [], total: 0, truncated: false });
    await test.app.close();
  });
});
