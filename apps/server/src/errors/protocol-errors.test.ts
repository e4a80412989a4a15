import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '@glyph/core';
import { startTestApp } from '../test-support/test-app';
import { protocolError } from './protocol-errors';
import { protocolErrorRequests, sendRaw } from '@glyph/testkit/hostile-requests';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

describe('protocol-level errors on a real port', () => {
  let test: TestApp;
  let port: number;
  const errorLines: string[] = [];
  const host = () => `127.0.0.1:${port}`;
  beforeAll(async () => {
    // Error-level log lines: an unexpected error is logged even when its 500 can no longer be sent.
    const stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        errorLines.push(chunk.toString());
        done();
      },
    });
    test = await startTestApp({ logger: { level: 'error', stream } });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    port = (test.app.server.address() as AddressInfo).port;
  });
  afterAll(() => test.app.close());

  for (const [name, { request, status, code }] of Object.entries(protocolErrorRequests)) {
    it(`${name}: ${status} with {error: {code, message}}`, async () => {
      const answer = await sendRaw(port, request(host()));
      expect(answer.status, answer.headers + answer.body).toBe(status);
      expect(answer.headers.toLowerCase()).toContain('content-type: application/json');
      const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(20);
      expect(Object.keys(body)).toEqual(['error']);
    });
  }

  it('none of them ends in an internal error behind the answer (hooks running after the socket closed)', () => {
    expect(errorLines.join('\n')).toBe('');
  });

  it('the server keeps answering after them', async () => {
    const answer = await sendRaw(
      port,
      `GET /healthz HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer.status).toBe(200);
  });
});

describe('protocolError', () => {
  it('maps a request the client was too slow to send to 408 REQUEST_TIMEOUT', () => {
    const error = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    const glyphError = protocolError(error);
    expect(glyphError.code).toBe('REQUEST_TIMEOUT');
    expect(errorCodes[glyphError.code].httpStatus).toBe(408);
  });
});
