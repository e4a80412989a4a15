import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '@glyph/testkit/postgres-cluster';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

describe('a PostgreSQL restart during a burst of feedback writes', () => {
  let cluster: PostgresCluster;
  let test: TestApp;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels) },
      feedbackStore: await cluster.createDatabase(),
      // Short, so that an outage longer than it answers 503 within the test.
      feedbackStoreRetryMs: 1500,
      // Four writers as fast as they can go are one client far beyond the write budget; without this
      // the burst turns into a flood of 429s that starves the test (the cause of its old time-outs).
      rateLimit: null,
    });
  });
  afterAll(async () => {
    await test?.app.close();
    await cluster?.destroy();
  });

  it('loses no acknowledged sample; writes it could not carry out answer 503, never 500', async () => {
    const images = await Promise.all(
      Array.from({ length: 8 }, (_, seed) => drawingPng(64, seed + 1)).map(async (png) => dataUrl(await png)),
    );
    const answers: { status: number; code?: string; path?: string; label: string }[] = [];
    let writing = true;
    const writer = async (worker: number) => {
      for (let count = 0; writing; count += 1) {
        const label = String((worker + count) % 10);
        const response = await test.app.inject({
          method: 'POST',
          url: '/api/feedback',
          payload: { model: 'digits', label, image: images[count % images.length] },
        });
        const body = response.json();
        answers.push({ status: response.statusCode, code: body.error?.code, path: body.path, label });
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await sleep(500);
    // An outage longer than the retry time: writes retried into it answer 503, those whose retries
    // reach the restart are stored.
    await cluster.stop('fast');
    await sleep(3000);
    await cluster.start();
    await sleep(1000);
    writing = false;
    await Promise.all(writers);

    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([201, 503]);
    for (const answer of answers.filter((entry) => entry.status === 503)) {
      expect(answer.code).toBe('FEEDBACK_STORE_UNAVAILABLE');
    }
    const acknowledged = answers.filter((answer) => answer.status === 201).map((answer) => answer.path!);
    const listed = (await test.app.inject('/api/feedback?limit=5000')).json();
    const present = new Set(listed.samples.map((sample: { path: string }) => sample.path));
    expect(acknowledged.filter((path) => !present.has(path))).toEqual([]);
    for (const path of acknowledged.slice(-5)) {
      expect((await test.app.inject(`/api/feedback/files/${path}`)).statusCode).toBe(200);
    }
    // Writes after the outage are acknowledged again.
    expect(answers.at(-1)?.status).toBe(201);
    console.info(
      `restart test: ${acknowledged.length} acknowledged, ${answers.length - acknowledged.length} × 503, ${listed.total} stored`,
    );
  }, 60_000);
});
