import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildAppOptions } from '../build-app';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** The options that put an app's feedback in the backend under test (a fresh, empty store each call). */
export type StoreOptions = () => Promise<Partial<BuildAppOptions>>;

/**
 * The feedback routes answer the same on every backend: one suite through `buildApp` and HTTP,
 * run against the folder store and PostgreSQL (`feedback-routes-backends.test.ts`).
 */
export function describeFeedbackRoutesContract(backend: string, storeOptions: StoreOptions): void {
  describe(`feedback routes: ${backend}`, () => {
    let test: TestApp;
    const post = (url: string, payload: object) => test.app.inject({ method: 'POST', url, payload });
    const listing = async (query = '') => (await test.app.inject(`/api/feedback${query}`)).json();

    beforeAll(async () => {
      test = await startTestApp({
        models: { digits: tinyMetadata('digits', digitLabels) },
        // Room for a few drawings; the quota test fills the rest.
        feedbackQuotaBytes: 60_000,
        ...(await storeOptions()),
      });
    });
    afterAll(async () => {
      await test?.app.close();
    });

    it('stores, lists, serves, reviews, relabels, deletes and undoes through the HTTP routes', async () => {
      const stored: string[] = [];
      for (const [index, label] of ['3', '7'].entries()) {
        const response = await post('/api/feedback', {
          model: 'digits',
          label,
          image: dataUrl(await drawingPng(64, index + 1)),
        });
        expect(response.statusCode, response.body).toBe(201);
        expect(response.json()).toEqual({
          model: 'digits',
          label,
          path: expect.stringMatching(new RegExp(`^digits/${label}/\\d{8}T\\d{9}Z-[0-9a-f]{8}\\.png$`)),
        });
        stored.push(response.json().path);
      }
      const list = await listing('?model=digits');
      expect(list.samples.map((sample: { path: string }) => sample.path)).toEqual([...stored].reverse());
      expect(list.counts).toEqual([
        { model: 'digits', label: '3', count: 1 },
        { model: 'digits', label: '7', count: 1 },
      ]);
      const file = await test.app.inject(list.samples[0].url);
      expect([file.statusCode, file.headers['content-type']]).toEqual([200, 'image/png']);
      expect((await sharp(file.rawPayload).metadata()).width).toBe(64);
      expect(
        (await test.app.inject(`/api/feedback/files/digits/3/20250101T000000000Z-00000000.png`)).statusCode,
      ).toBe(404);

      const review = (await test.app.inject('/api/feedback/review?model=digits')).json();
      expect(review.total).toBe(2);
      expect(
        review.samples.every(
          (sample: { scored: boolean; loss: number }) => sample.scored && sample.loss >= 0,
        ),
      ).toBe(true);

      const relabel = await post('/api/feedback/relabel', { path: stored[0], label: '8' });
      expect(relabel.statusCode, relabel.body).toBe(200);
      const moved = stored[0].replace('/3/', '/8/');
      expect(relabel.json().sample).toEqual({
        model: 'digits',
        label: '8',
        path: moved,
        url: `/api/feedback/files/${moved}`,
      });
      expect((await test.app.inject(`/api/feedback/files/${stored[0]}`)).statusCode).toBe(404);
      expect((await test.app.inject(`/api/feedback/files/${moved}`)).statusCode).toBe(200);
      const deletion = await post('/api/feedback/delete', { path: stored[1] });
      expect(deletion.json().operation).toMatchObject({ kind: 'delete', to: null, state: 'applied' });
      expect((await listing()).total).toBe(1);
      expect((await post('/api/feedback/delete', { path: stored[1] })).json().error.code).toBe(
        'SAMPLE_NOT_FOUND',
      );
      expect((await post('/api/feedback/relabel', { path: moved, label: 'x' })).json().error.code).toBe(
        'LABEL_UNKNOWN',
      );
      expect((await post('/api/feedback/relabel', { path: '../x.png', label: '1' })).statusCode).toBe(400);

      const operations = (await test.app.inject('/api/feedback/operations')).json().operations;
      expect(
        operations.map((operation: { kind: string; state: string }) => [operation.kind, operation.state]),
      ).toEqual([
        ['delete', 'applied'],
        ['relabel', 'applied'],
      ]);
      const undo = await post('/api/feedback/undo', { operation: operations[0].id });
      expect(undo.json().sample.path).toBe(stored[1]);
      const undoRelabel = await post('/api/feedback/undo', { sample: operations[1].sample });
      expect(undoRelabel.json().sample.path).toBe(stored[0]);
      expect((await post('/api/feedback/undo', { operation: operations[0].id })).statusCode).toBe(409);
      expect((await listing()).samples.map((sample: { path: string }) => sample.path).sort()).toEqual(
        [...stored].sort(),
      );
    });

    it('stores a sequence correction whole, refuses what the quota cannot take (507), and discards on request', async () => {
      const image = dataUrl(await drawingPng(120, 5));
      const box = (x: number) => ({ x, y: 10, width: 30, height: 90 });
      const sequence = await post('/api/feedback/sequence', {
        model: 'digits',
        image,
        characters: [
          { box: box(10), label: '1' },
          { box: box(60), label: '2' },
        ],
      });
      expect(sequence.statusCode, sequence.body).toBe(201);
      const samples: { label: string; path: string }[] = sequence.json().samples;
      expect(samples.map((sample) => sample.label)).toEqual(['1', '2']);
      const before = (await listing()).total;
      await test.context.feedback.discard(samples.map((sample) => ({ relativePath: sample.path })));
      expect((await listing()).total).toBe(before - 2);
      expect((await test.app.inject(`/api/feedback/files/${samples[0].path}`)).statusCode).toBe(404);
      expect((await test.app.inject('/api/feedback/operations')).json().operations).toHaveLength(2);

      let refused;
      for (let seed = 10; seed < 80 && !refused; seed += 1) {
        const response = await post('/api/feedback', {
          model: 'digits',
          label: '4',
          image: dataUrl(await drawingPng(200, seed)),
        });
        if (response.statusCode !== 201) refused = response;
      }
      expect([refused?.statusCode, refused?.json().error.code]).toEqual([507, 'FEEDBACK_QUOTA_EXCEEDED']);
      expect(await test.context.feedback.bytesOf('digits')).toBeLessThanOrEqual(60_000);
    });
  });
}
