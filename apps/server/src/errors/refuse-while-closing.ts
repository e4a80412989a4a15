import { GlyphError } from '@glyph/core';
import type { FastifyInstance } from 'fastify';
import { sendError } from './error-handler';

/**
 * From the moment the app starts closing, requests that still arrive (on kept-alive connections)
 * are answered 503 NOT_READY with `Connection: close`, in the API's error format. Requests already
 * in flight finish normally. Pair with Fastify's `return503OnClosing: false`.
 */
export function refuseWhileClosing(app: Pick<FastifyInstance, 'addHook'>): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    return sendError(reply, new GlyphError('NOT_READY', 'The server is shutting down; retry shortly.'));
  });
}
