import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { refuseWhileClosing } from './refuse-while-closing';

describe('refuseWhileClosing', () => {
  it('lets requests through until closing starts, then answers 503 NOT_READY with Connection: close', async () => {
    // The hooks are taken from a recording stand-in, so they can be run at chosen moments: a closing
    // Fastify app no longer accepts injected requests.
    const hooks = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    refuseWhileClosing({ addHook: ((name: string, hook: never) => hooks.set(name, hook)) as never });
    const app = Fastify();
    app.get('/', async (request: FastifyRequest, currentReply: FastifyReply) => {
      await hooks.get('onRequest')!(request, currentReply);
      return currentReply.sent ? currentReply : { ok: true };
    });
    expect((await app.inject('/')).json()).toEqual({ ok: true });
    await hooks.get('preClose')!();
    const refused = await app.inject('/');
    expect(refused.statusCode).toBe(503);
    expect(refused.headers.connection).toBe('close');
    expect(refused.json()).toEqual({
      error: { code: 'NOT_READY', message: expect.stringMatching(/shutting down/) },
    });
    await app.close();
  });
});
