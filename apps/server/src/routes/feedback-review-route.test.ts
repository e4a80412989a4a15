import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPng, dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

interface ReviewSample {
  id: string;
  model: string;
  label: string;
  path: string;
  url: string;
  createdAt: string | null;
  scored: boolean;
  loss: number | null;
  confidence: number | null;
  guess: { label: string; confidence: number } | null;
  note?: string;
}

interface Review {
  samples: ReviewSample[];
  total: number;
  offset: number;
  limit: number;
}

describe('GET /api/feedback/review', () => {
  let test: TestApp;

  const review = async (query = ''): Promise<Review> => {
    const response = await test.app.inject(`/api/feedback/review${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const post = (payload: object) => test.app.inject({ method: 'POST', url: '/api/feedback', payload });

  beforeAll(async () => {
    test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels), letters: tinyMetadata('letters', ['a', 'b']) },
    });
    for (const [index, label] of ['0', '1', '2', '3', '4', '5'].entries()) {
      const response = await post({
        model: 'digits',
        label,
        image: dataUrl(await drawingPng(280, index * 7 + 1)),
      });
      expect(response.statusCode).toBe(201);
    }
    await post({ model: 'letters', label: 'b', image: dataUrl(await drawingPng(280, 3)) });
  });

  afterAll(async () => {
    await test.app.close();
    await rm(test.feedbackDir, { recursive: true, force: true });
  });

  it('scores each sample with its own model’s recognizer and sorts by loss, highest first', async () => {
    const { samples, total } = await review();
    expect(total).toBe(7);
    const losses = samples.map((sample) => sample.loss!);
    expect(losses).toEqual([...losses].sort((a, b) => b - a));
    for (const sample of samples) {
      expect(sample.scored).toBe(true);
      expect(sample.loss).toBeCloseTo(-Math.log(sample.confidence!), 5);
      expect(sample.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(sample.id).toBe(sample.path.split('/')[2].replace('.png', ''));
      // The same numbers as a prediction of the stored file with all labels.
      const png = await readFile(path.join(test.feedbackDir, sample.path));
      const predicted = (
        await test.app.inject({
          method: 'POST',
          url: `/api/models/${sample.model}/predict?top=10`,
          payload: png,
          headers: { 'content-type': 'image/png' },
        })
      ).json();
      expect(sample.guess).toEqual(predicted.predictions[0]);
      const own = predicted.predictions.find((p: { label: string }) => p.label === sample.label);
      expect(sample.confidence).toBeCloseTo(own.confidence, 6);
    }
  });

  it('computes no forward pass again while nothing changed, and only the new sample after a post', async () => {
    await review();
    const passes = test.deps.counter.passes;
    await review();
    await review('?model=digits&label=3');
    expect(test.deps.counter.passes).toBe(passes);
    const relabel = (await review('?model=digits')).samples[0];
    await test.app.inject({
      method: 'POST',
      url: '/api/feedback/relabel',
      payload: { path: relabel.path, label: relabel.label === '9' ? '8' : '9' },
    });
    const after = await review();
    // A relabel changes the label, not the image: the kept probabilities give the new loss.
    expect(test.deps.counter.passes).toBe(passes);
    const moved = after.samples.find((sample) => sample.id === relabel.id)!;
    expect(moved.loss).toBeCloseTo(-Math.log(Math.max(moved.confidence!, 1e-7)), 5);
    expect(moved.guess).toEqual(relabel.guess);
    await post({ model: 'digits', label: '6', image: dataUrl(await drawingPng(280, 40)) });
    expect((await review()).total).toBe(8);
    expect(test.deps.counter.passes).toBe(passes + 1);
    // Undo it again, so the other tests see the listing as posted.
    await test.app.inject({ method: 'POST', url: '/api/feedback/undo', payload: { sample: relabel.id } });
  });

  it('filters by model, label and dates, and pages', async () => {
    expect((await review('?model=letters')).samples.map((sample) => sample.label)).toEqual(['b']);
    expect((await review('?model=digits&label=2')).samples.map((sample) => sample.label)).toEqual(['2']);
    expect((await review('?label=2')).total).toBe(1);
    const all = await review();
    const today = all.samples[0].createdAt!.slice(0, 10);
    expect((await review(`?from=${today}&to=${today}`)).total).toBe(all.total);
    expect((await review('?to=2000-01-01')).total).toBe(0);
    expect((await review('?from=2999-01-01T00:00:00Z')).total).toBe(0);
    const newest = all.samples
      .map((sample) => sample.createdAt!)
      .sort()
      .at(-1)!;
    expect(
      (await review(`?from=${encodeURIComponent(newest)}`)).samples.every((s) => s.createdAt === newest),
    ).toBe(true);
    const pages = [
      await review('?limit=3'),
      await review('?limit=3&offset=3'),
      await review('?limit=3&offset=6'),
    ];
    expect(pages.flatMap((page) => page.samples.map((sample) => sample.path))).toEqual(
      all.samples.map((sample) => sample.path),
    );
    expect(pages.map((page) => [page.total, page.offset, page.limit])).toEqual([
      [8, 0, 3],
      [8, 3, 3],
      [8, 6, 3],
    ]);
    for (const query of [
      '?from=yesterday',
      '?to=2025-13-45',
      '?limit=0',
      '?limit=1001',
      '?offset=-1',
      '?model=',
    ]) {
      const response = await test.app.inject(`/api/feedback/review${query}`);
      expect([response.statusCode, response.json().error.code], query).toEqual([400, 'BAD_USAGE']);
    }
  });

  it('puts blank or unreadable images first and samples of models not served last', async () => {
    const stored = (await review('?model=digits')).samples[0].path;
    const blank = path.join(test.feedbackDir, 'digits', '7', '20250101T000000000Z-0000b1a0.png');
    await mkdir(path.dirname(blank), { recursive: true });
    await writeFile(blank, await blankPng(40));
    const broken = path.join(test.feedbackDir, 'digits', '7', '20250101T000000000Z-0000bad0.png');
    await writeFile(broken, 'not a png');
    const orphan = path.join(test.feedbackDir, 'retired', '1', '20250101T000000000Z-00000001.png');
    await mkdir(path.dirname(orphan), { recursive: true });
    await copyFile(path.join(test.feedbackDir, stored), orphan);
    const { samples } = await review();
    expect(
      samples
        .slice(0, 2)
        .map((sample) => sample.note)
        .sort(),
    ).toEqual(['empty', 'unreadable']);
    expect(samples.at(-1)).toMatchObject({ model: 'retired', scored: false, loss: null, guess: null });
    await Promise.all([blank, broken, orphan].map((file) => rm(file)));
  });
});
