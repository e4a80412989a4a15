import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from './test-support/test-app';

/** Waits (without asserting any duration) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 1000 && !condition(); attempt += 1) await sleep(5);
  if (!condition()) throw new Error('condition never held');
}

describe('micro-batching through HTTP', () => {
  it('stacks concurrent predictions into fewer forward passes with answers identical to unbatched ones', async () => {
    const images = await Promise.all(Array.from({ length: 16 }, (_, seed) => drawingPng(200, seed)));
    const tops = images.map((_, index) => 1 + (index % 5));
    const predict = (app: Awaited<ReturnType<typeof startTestApp>>['app'], index: number) =>
      app.inject({
        method: 'POST',
        url: `/api/models/digits/predict?top=${tops[index]}`,
        payload: images[index],
      });

    const unbatched = await startTestApp({ batching: { windowMs: 0, maxBatchSize: 1, maxQueueSize: 64 } });
    const expected: { predictions: unknown[] }[] = [];
    for (let index = 0; index < images.length; index += 1)
      expected.push((await predict(unbatched.app, index)).json());
    await unbatched.app.close();

    const batched = await startTestApp({ batching: { windowMs: 20, maxBatchSize: 32, maxQueueSize: 64 } });
    const passesBefore = batched.deps.counter.passes;
    const answers = (await Promise.all(images.map((_, index) => predict(batched.app, index)))).map((r) =>
      r.json(),
    );
    const passes = batched.deps.counter.passes - passesBefore;
    expect(passes).toBeLessThan(images.length);
    expect(Math.max(...batched.deps.counter.batchSizes)).toBeGreaterThan(1);
    answers.forEach((answer, index) => {
      expect(answer.predictions).toEqual(expected[index].predictions);
      expect(answer.predictions).toHaveLength(tops[index]);
    });
    const metrics = (await batched.app.inject('/metrics')).body;
    expect(metrics).toMatch(/glyph_batch_size_count\{model="digits"\} \d+/);
    await batched.app.close();
  });

  it('refuses work beyond the queue bound with 503 OVERLOADED and Retry-After, then recovers', async () => {
    const test = await startTestApp({ batching: { windowMs: 0, maxBatchSize: 1, maxQueueSize: 2 } });
    let open: () => void = () => {};
    test.deps.counter.gate = new Promise((resolve) => (open = resolve));
    const png = await drawingPng();
    const send = () => test.app.inject({ method: 'POST', url: '/api/models/digits/predict', payload: png });
    const batcher = test.context.registry.require('digits').batcher;
    const accepted = [send()];
    await until(() => test.deps.counter.held === 1); // the first one is running
    accepted.push(send(), send());
    await until(() => batcher.queueDepth === 2);
    const refused = await send();
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('OVERLOADED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    open();
    expect((await Promise.all(accepted)).map((response) => response.statusCode)).toEqual([200, 200, 200]);
    expect((await send()).statusCode).toBe(200);
    await test.app.close();
  });

  it('answers 503 TIMEOUT when a prediction outlives the request timeout', async () => {
    const test = await startTestApp({ requestTimeoutMs: 100 });
    let open: () => void = () => {};
    test.deps.counter.gate = new Promise((resolve) => (open = resolve));
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      payload: await drawingPng(),
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('TIMEOUT');
    expect(response.headers['retry-after']).toBe('1');
    open();
    await test.app.close();
  });
});
