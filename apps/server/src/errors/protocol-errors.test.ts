import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '@glyph/core';
import { startTestApp } from '../test-support/test-app';
import { protocolError } from './protocol-errors';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Writes `request` as is on a fresh connection and reads until the server closes it. */
function sendRaw(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body });
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.write(request);
  });
}

describe('protocol-level errors on a real port', () => {
  let test: TestApp;
  let port: number;
  const host = () => `127.0.0.1:${port}`;
  beforeAll(async () => {
    test = await startTestApp();
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    port = (test.app.server.address() as AddressInfo).port;
  });
  afterAll(() => test.app.close());

  const cases: Record<string, { request: () => string; status: number; code: string }> = {
    'headers larger than the limit': {
      request: () => `GET /healthz HTTP/1.1\r\nHost: ${host()}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      status: 431,
      code: 'HEADERS_TOO_LARGE',
    },
    'Content-Length together with Transfer-Encoding': {
      request: () =>
        `POST /api/models/digits/predict HTTP/1.1\r\nHost: ${host()}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`,
      status: 400,
      code: 'BAD_USAGE',
    },
    'a chunk size that is not hexadecimal': {
      request: () =>
        `POST /api/models/digits/predict HTTP/1.1\r\nHost: ${host()}\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n`,
      status: 400,
      code: 'BAD_USAGE',
    },
    'a request line that is not HTTP': {
      request: () => 'HELLO THERE\r\n\r\n',
      status: 400,
      code: 'BAD_USAGE',
    },
    'a malformed percent-encoding in the path': {
      request: () =>
        `GET /api/models/%E0%A4%A/report HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`,
      status: 400,
      code: 'BAD_USAGE',
    },
  };

  for (const [name, { request, status, code }] of Object.entries(cases)) {
    it(`${name}: ${status} with {error: {code, message}}`, async () => {
      const answer = await sendRaw(port, request());
      expect(answer.status, answer.headers + answer.body).toBe(status);
      expect(answer.headers.toLowerCase()).toContain('content-type: application/json');
      const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(20);
      expect(Object.keys(body)).toEqual(['error']);
    });
  }

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
