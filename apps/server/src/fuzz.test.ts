import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dataUrl } from '@glyph/testkit/png-fixtures';
import { startTestApp } from './test-support/test-app';
import { fuzzBodies } from '@glyph/testkit/fuzz-bodies';

/** Ways to wrap a body in multipart/form-data, well-formed and not. */
const multipartWrappers: Record<string, (bytes: Buffer) => { contentType: string; payload: Buffer }> = {
  wellFormed: (bytes) => ({
    contentType: 'multipart/form-data; boundary=F',
    payload: filePart('F', bytes, true),
  }),
  noBoundary: (bytes) => ({ contentType: 'multipart/form-data', payload: filePart('F', bytes, true) }),
  emptyBoundary: (bytes) => ({
    contentType: 'multipart/form-data; boundary=',
    payload: filePart('F', bytes, true),
  }),
  overlongBoundary: (bytes) => ({
    contentType: `multipart/form-data; boundary=${'x'.repeat(300)}`,
    payload: filePart('x'.repeat(300), bytes, true),
  }),
  unusedBoundary: (bytes) => ({
    contentType: 'multipart/form-data; boundary=G',
    payload: filePart('F', bytes, true),
  }),
  unterminated: (bytes) => ({
    contentType: 'multipart/form-data; boundary=F',
    payload: filePart('F', bytes, false),
  }),
  textField: (bytes) => ({
    contentType: 'multipart/form-data; boundary=F',
    payload: Buffer.from(
      `--F\r\nContent-Disposition: form-data; name="image"\r\n\r\n${dataUrl(bytes)}\r\n--F--\r\n`,
    ),
  }),
  oversizedTextField: (bytes) => ({
    contentType: 'multipart/form-data; boundary=F',
    payload: Buffer.from(
      `--F\r\nContent-Disposition: form-data; name="image"\r\n\r\n${dataUrl(bytes)}${'A'.repeat(1_100_000)}\r\n--F--\r\n`,
    ),
  }),
};

function filePart(boundary: string, bytes: Buffer, terminated: boolean): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="x"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    bytes,
    Buffer.from(terminated ? `\r\n--${boundary}--\r\n` : ''),
  ]);
}

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

  it('wrapped in well-formed and malformed multipart, answer only 200 or a 4xx with an error code', async () => {
    const test = await startTestApp();
    const bodies = await fuzzBodies(160, 11);
    const wrappers = Object.entries(multipartWrappers);
    const statuses = new Map<number, number>();
    for (const [index, { kind, bytes }] of bodies.entries()) {
      const [wrapperName, wrap] = wrappers[index % wrappers.length];
      const { contentType, payload } = wrap(bytes);
      const response = await test.app.inject({
        method: 'POST',
        url: Math.floor(index / wrappers.length) % 2 === 0 ? '/api/models/digits/predict' : '/predict/',
        headers: { 'content-type': contentType },
        payload,
      });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect([200, 400, 413, 415, 422], `${wrapperName}/${kind} → ${response.body.slice(0, 200)}`).toContain(
        response.statusCode,
      );
      if (response.statusCode >= 400) expect(response.json().error.code).toMatch(/^[A-Z_]+$/);
    }
    expect(statuses.get(400), JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect(statuses.get(413), JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect((await test.app.inject('/healthz')).statusCode).toBe(200);
    expect(test.context.pixels.pixelsInUse).toBe(0);
    await test.app.close();
  });
});
