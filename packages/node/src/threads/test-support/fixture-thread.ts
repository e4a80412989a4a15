// A thread for the layer's tests: echoes, fails, crashes and moves buffers on request.
import { setTimeout as sleep } from 'node:timers/promises';
import { GlyphError } from '@glyph/core';
import { serveThread } from '../serve-thread';

export interface FixtureData {
  readonly greeting: string;
  readonly failSetup?: boolean;
}

export type FixtureRequest =
  | { readonly kind: 'echo'; readonly value: unknown; readonly delayMs?: number }
  | { readonly kind: 'throw-glyph' }
  | { readonly kind: 'throw-plain' }
  | { readonly kind: 'exit' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'take'; readonly bytes: Uint8Array }
  | { readonly kind: 'give'; readonly length: number }
  | { readonly kind: 'given-length' };

let given: Uint8Array | undefined;

async function handle(request: FixtureRequest): Promise<unknown> {
  switch (request.kind) {
    case 'echo':
      if (request.delayMs) await sleep(request.delayMs);
      return request.value;
    case 'throw-glyph':
      throw new GlyphError('MODEL_INVALID', 'metadata.json names no labels', {
        details: { field: 'labels', retryAfterSeconds: 2 },
      });
    case 'throw-plain':
      throw new TypeError('not a function');
    case 'exit':
      process.exit(3);
      break;
    case 'hang':
      return new Promise(() => {});
    case 'take':
      return request.bytes.byteLength;
    case 'give':
      given = new Uint8Array(request.length).fill(7);
      return given;
    case 'given-length':
      return given?.byteLength;
  }
}

serveThread<FixtureData, FixtureRequest, unknown, string>(({ greeting, failSetup }) => {
  if (failSetup) throw new GlyphError('MODEL_NOT_FOUND', `no model for ${greeting}`);
  return {
    ready: `${greeting} from a thread`,
    handle,
    transferOf: (reply) => (reply instanceof Uint8Array ? [reply.buffer as ArrayBuffer] : []),
  };
});
