import { GlyphError } from '@glyph/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureData, FixtureRequest } from './test-support/fixture-thread';
import { runInThread } from './run-in-thread';
import { ThreadChannel, type ThreadOptions } from './thread-channel';

const entry = new URL('./test-support/fixture-thread.ts', import.meta.url);
type Fixture = ThreadChannel<FixtureRequest, unknown, string>;

const started: Fixture[] = [];
async function start(options: Partial<ThreadOptions<FixtureData>> = {}): Promise<Fixture> {
  const channel = await ThreadChannel.start<FixtureRequest, unknown, string, FixtureData>(entry, {
    data: { greeting: 'hello' },
    ...options,
  });
  started.push(channel);
  return channel;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((channel) => channel.terminate()));
});

describe('ThreadChannel', () => {
  it('starts with the setup data, reports ready, and matches each reply to its request', async () => {
    const channel = await start();
    expect(channel.ready).toBe('hello from a thread');
    // The slow request is answered last: replies are matched by id, not by order.
    const slow = channel.request({ kind: 'echo', value: 'slow', delayMs: 50 });
    const fast = channel.request({ kind: 'echo', value: { n: 1 } });
    expect(channel.load).toBe(2);
    expect(await Promise.all([slow, fast])).toEqual(['slow', { n: 1 }]);
    expect(channel.load).toBe(0);
  });

  it('rejects start with the error the setup threw, code included', async () => {
    await expect(start({ data: { greeting: 'x', failSetup: true } })).rejects.toMatchObject({
      name: 'GlyphError',
      code: 'MODEL_NOT_FOUND',
      message: 'no model for x',
    });
  });

  it('returns a GlyphError thrown in the thread with its code, message and details', async () => {
    const channel = await start();
    const error = await channel.request({ kind: 'throw-glyph' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GlyphError);
    expect(error).toMatchObject({
      code: 'MODEL_INVALID',
      message: 'metadata.json names no labels',
      details: { field: 'labels', retryAfterSeconds: 2 },
    });
    expect((error as Error).stack).toContain('fixture-thread.ts');
    expect(channel.isAlive).toBe(true); // a failed request leaves the thread serving
    expect(await channel.request({ kind: 'echo', value: 1 })).toBe(1);
  });

  it('returns a plain Error as a plain Error with its name, message and the thread stack', async () => {
    const channel = await start();
    const error = await channel.request({ kind: 'throw-plain' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(GlyphError);
    expect(error).toMatchObject({ name: 'TypeError', message: 'not a function' });
    expect((error as Error).stack).toContain('fixture-thread.ts');
  });

  it('fails every pending and later request when the thread dies, and says so once', async () => {
    let stops = 0;
    const channel = await start({
      onStop: () => (stops += 1),
      stoppedError: ({ reason, whileStarting }) =>
        new GlyphError('WORKER_CRASHED', `stopped: ${reason} (starting: ${whileStarting})`),
    });
    const hanging = channel.request({ kind: 'hang' });
    const exiting = channel.request({ kind: 'exit' });
    const expected = {
      code: 'WORKER_CRASHED',
      message: 'stopped: the thread exited with code 3 (starting: false)',
    };
    await expect(hanging).rejects.toMatchObject(expected);
    await expect(exiting).rejects.toMatchObject(expected);
    await expect(channel.request({ kind: 'echo', value: 1 })).rejects.toMatchObject(expected);
    expect(channel.isAlive).toBe(false);
    expect(channel.load).toBe(0);
    expect(stops).toBe(1);
  });

  it('fails pending requests when it is terminated, without reporting a stop', async () => {
    let stops = 0;
    const channel = await start({ onStop: () => (stops += 1) });
    const hanging = expect(channel.request({ kind: 'hang' })).rejects.toMatchObject({ code: 'INTERNAL' });
    await channel.terminate();
    await hanging;
    expect(stops).toBe(0);
  });

  it('moves transferred buffers both ways instead of copying them', async () => {
    const channel = await start();
    const bytes = new Uint8Array(1024).fill(1);
    expect(await channel.request({ kind: 'take', bytes }, [bytes.buffer])).toBe(1024);
    expect(bytes.byteLength).toBe(0); // detached here: it moved
    const copied = new Uint8Array(16);
    expect(await channel.request({ kind: 'take', bytes: copied })).toBe(16);
    expect(copied.byteLength).toBe(16); // not in the transfer list: copied
    const given = (await channel.request({ kind: 'give', length: 64 })) as Uint8Array;
    expect([given.byteLength, given[63]]).toEqual([64, 7]);
    expect(await channel.request({ kind: 'given-length' })).toBe(0); // detached in the thread
  });
});

describe('runInThread', () => {
  it('answers one request from a thread of its own', async () => {
    const data: FixtureData = { greeting: 'once' };
    expect(await runInThread(entry, { kind: 'echo', value: [1, 2] }, { data })).toEqual([1, 2]);
  });

  it('rejects with the error of that request', async () => {
    const data: FixtureData = { greeting: 'once' };
    await expect(runInThread(entry, { kind: 'throw-glyph' }, { data })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
  });
});
