import { afterEach, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../config/server-config';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Behind a proxy every request comes from the proxy's address; X-Forwarded-For names the client. */
describe('--trust-proxy', () => {
  let test: TestApp | undefined;
  afterEach(async () => {
    await test?.app.close();
    test = undefined;
  });

  async function predictThroughProxy(forwardedFor: string) {
    return test!.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      headers: { 'content-type': 'image/png', 'x-forwarded-for': forwardedFor },
      payload: await drawingPng(64),
      remoteAddress: '127.0.0.1',
    });
  }

  it('gives each forwarded client its own rate limit when the proxy is trusted', async () => {
    test = await startTestApp({ rateLimit: { predict: 2, write: 2, read: 2 }, trustProxy: ['127.0.0.1'] });
    for (let index = 0; index < 2; index += 1) {
      expect((await predictThroughProxy('203.0.113.5')).statusCode).toBe(200);
    }
    expect((await predictThroughProxy('203.0.113.5')).statusCode).toBe(429);
    expect((await predictThroughProxy('203.0.113.6')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from an untrusted peer (a client cannot pick its own budget)', async () => {
    test = await startTestApp({ rateLimit: { predict: 2, write: 2, read: 2 } });
    expect((await predictThroughProxy('203.0.113.5')).statusCode).toBe(200);
    expect((await predictThroughProxy('203.0.113.6')).statusCode).toBe(200);
    expect((await predictThroughProxy('203.0.113.7')).statusCode).toBe(429);
  });

  it('reads --trust-proxy and $GLYPH_TRUST_PROXY as a comma list, empty by default', () => {
    expect(parseServerConfig([], {}, '/').trustProxy).toEqual([]);
    expect(parseServerConfig(['--trust-proxy', '127.0.0.1, 10.0.0.0/8'], {}, '/').trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(parseServerConfig([], { GLYPH_TRUST_PROXY: 'loopback' }, '/').trustProxy).toEqual(['loopback']);
  });

  it('reads --drain-seconds (default 0: stop at once) and refuses a negative one', () => {
    expect(parseServerConfig([], {}, '/').drainSeconds).toBe(0);
    expect(parseServerConfig(['--drain-seconds', '3'], {}, '/').drainSeconds).toBe(3);
    expect(parseServerConfig([], { GLYPH_DRAIN_SECONDS: '1.5' }, '/').drainSeconds).toBe(1.5);
    expect(() => parseServerConfig(['--drain-seconds', '-1'], {}, '/')).toThrow(/--drain-seconds/);
  });
});
