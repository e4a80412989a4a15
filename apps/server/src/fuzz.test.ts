import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dataUrl, startTestApp } from './test-support/test-app';
import { fuzzBodies } from './test-support/fuzz-bodies';

/** The small version of bench/serve-fuzz.ts: hostile bodies through every image route. */
describe('fuzzed image bodies', () => {
  it('answer only 200 or a 4xx with an error code, and the server stays healthy', async () => {
    const test = await startTestApp();
    const bodies = await fuzzBodies(240, 7);
    const tensorsBefore = tf.memory().numTensors;
    const statuses = new Map<number, number>();
    for (const [index, { kind, bytes }] of bodies.entries()) {
      const route = index % 3;
      const response =
        route === 0
          ? await test.app.inject({ method: 'POST', url: '/api/models/digits/predict', payload: bytes })
          : route === 1
            ? await test.app.inject({ method: 'POST', url: '/predict/', payload: dataUrl(bytes) })
            : await test.app.inject({
                method: 'POST',
                url: '/api/feedback',
                payload: { model: 'digits', label: '1', image: dataUrl(bytes) },
              });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect([200, 201, 400, 413, 415, 422], `${kind} → ${response.body.slice(0, 200)}`).toContain(
        response.statusCode,
      );
      if (response.statusCode >= 400) expect(response.json().error.code).toMatch(/^[A-Z_]+$/);
    }
    // The mutations reach every outcome: decoded, not an image, corrupt.
    expect(statuses.get(415)).toBeGreaterThan(0);
    expect(statuses.get(422)).toBeGreaterThan(0);
    expect((await test.app.inject('/healthz')).statusCode).toBe(200);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(test.context.pixels.pixelsInUse).toBe(0);
    await test.app.close();
  });
});
