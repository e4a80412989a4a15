import { isGlyphError } from '@glyph/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedbackStore } from './feedback-store';

/** Opens a new, empty store with this quota per model. */
export type OpenStore = (quotaBytes?: number) => Promise<FeedbackStore>;

/** Bytes that stand for a PNG: the stores keep bytes, they never decode them. */
const png = (seed: number, size = 100) =>
  Uint8Array.from({ length: size }, (_, index) => (seed * 31 + index) % 256);
const at = (second: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, second));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isGlyphError(error) ? error.code : String(error);
  }
}

/**
 * What every feedback backend must do, word for word the same: one suite, run against the folder
 * store and against PostgreSQL (`folder-feedback-store.test.ts`, `postgres/pg-feedback-store.test.ts`).
 */
export function describeFeedbackStoreContract(backend: string, open: OpenStore): void {
  describe(`feedback store contract: ${backend}`, () => {
    const opened: FeedbackStore[] = [];
    const fresh: OpenStore = async (quota) => {
      const store = await open(quota);
      await store.ready();
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      await Promise.all(opened.map((store) => store.close()));
    });

    it('saves samples under <model>/<label folder>/<time>-<id>.png, lists them newest first, reads their bytes', async () => {
      const store = await fresh();
      const first = await store.save(
        'digits',
        '7',
        png(1),
        { source: 'feedback', client: '127.0.0.1' },
        at(1),
      );
      const second = await store.save('letters', 'A', png(2), {}, at(2));
      const third = await store.save('digits', '3', png(3), {}, at(3));
      expect(first.relativePath).toMatch(/^digits\/7\/20250101T000001000Z-[0-9a-f]{8}\.png$/);
      expect(second.relativePath).toMatch(/^letters\/%41\/20250101T000002000Z-[0-9a-f]{8}\.png$/);
      const listing = await store.list({ limit: 2 });
      const url = (relativePath: string) => `/api/feedback/files/${relativePath.replace('%', '%25')}`;
      expect(listing.samples).toEqual([
        { model: 'digits', label: '3', path: third.relativePath, url: url(third.relativePath) },
        { model: 'letters', label: 'A', path: second.relativePath, url: url(second.relativePath) },
      ]);
      expect(listing.counts).toEqual([
        { model: 'digits', label: '3', count: 1 },
        { model: 'digits', label: '7', count: 1 },
        { model: 'letters', label: 'A', count: 1 },
      ]);
      expect([listing.total, listing.truncated]).toEqual([3, true]);
      const digits = await store.list({ model: 'digits', limit: 10 });
      expect(digits.samples.map((sample) => sample.path)).toEqual([third.relativePath, first.relativePath]);
      expect([digits.total, digits.truncated]).toEqual([2, false]);
      expect(await store.read(first.relativePath)).toEqual(Buffer.from(png(1)));
      expect(await store.read(second.relativePath)).toEqual(Buffer.from(png(2)));
      expect(await store.read('digits/7/20250101T000001000Z-00000000.png')).toBeNull();
      expect(await store.read('../digits/7/x.png')).toBeNull();
      expect(await store.read(first.relativePath.replace('/7/', '/1/'))).toBeNull();
      const samples = await store.samples('digits');
      expect(
        samples
          .map(({ path, fileName, bytes }) => ({ path, fileName, bytes }))
          .sort((a, b) => (a.path < b.path ? -1 : 1)),
      ).toEqual([
        { path: third.relativePath, fileName: third.relativePath.split('/')[2], bytes: 100 },
        { path: first.relativePath, fileName: first.relativePath.split('/')[2], bytes: 100 },
      ]);
      expect(await store.bytesOf('digits')).toBe(200);
      expect(await store.bytesOf('nothing')).toBe(0);
    });

    it('relabels, deletes into the trash and undoes, with operation states read from where samples are', async () => {
      const store = await fresh();
      const [a, b] = await store.saveAll(
        'digits',
        [
          { label: '1', png: png(10) },
          { label: '2', png: png(11) },
        ],
        {},
        at(5),
      );
      const relabel = await store.relabel(a.relativePath, '7', at(6));
      const moved = a.relativePath.replace('/1/', '/7/');
      expect(relabel).toMatchObject({
        kind: 'relabel',
        model: 'digits',
        sample: a.relativePath.split('/')[2].slice(0, -4),
        from: { label: '1', path: a.relativePath },
        to: { label: '7', path: moved },
        at: at(6).toISOString(),
        state: 'applied',
      });
      expect(relabel.id).toMatch(/^20250101T000006000Z-[0-9a-f]{8}$/);
      expect(await store.read(a.relativePath)).toBeNull();
      expect(await store.read(moved)).toEqual(Buffer.from(png(10)));
      const deletion = await store.delete(b.relativePath, at(7));
      expect(deletion).toMatchObject({
        kind: 'delete',
        to: { label: null, path: `.trash/${b.relativePath}` },
        state: 'applied',
      });
      expect((await store.list({ limit: 10 })).samples.map((sample) => sample.path)).toEqual([moved]);
      expect(await store.read(b.relativePath)).toBeNull();
      // The trash still counts towards the quota.
      expect(await store.bytesOf('digits')).toBe(200);

      expect(await codeOf(store.relabel(moved, '7'))).toBe('BAD_USAGE');
      expect(await codeOf(store.relabel(a.relativePath, '3'))).toBe('SAMPLE_NOT_FOUND');
      expect(await codeOf(store.delete(b.relativePath))).toBe('SAMPLE_NOT_FOUND');
      expect(await codeOf(store.delete('digits/../x.png'))).toBe('BAD_USAGE');
      expect(await codeOf(store.undo({ operation: '20250101T000000000Z-00000000' }))).toBe(
        'SAMPLE_NOT_FOUND',
      );
      expect(await codeOf(store.undo({ operation: 'nonsense' }))).toBe('SAMPLE_NOT_FOUND');
      expect(await codeOf(store.undo({ sample: 'nothing' }))).toBe('SAMPLE_NOT_FOUND');

      const undone = await store.undo({ operation: deletion.id }, at(8));
      expect(undone).toMatchObject({ id: deletion.id, state: 'undone', undoneAt: at(8).toISOString() });
      expect(await store.read(b.relativePath)).toEqual(Buffer.from(png(11)));
      expect(await codeOf(store.undo({ operation: deletion.id }))).toBe('SAMPLE_CONFLICT');
      // A second relabel supersedes the first; undo by sample id takes the latest applied one.
      const again = await store.relabel(moved, '9', at(9));
      const operations = await store.operations(10);
      expect(operations.map((operation) => [operation.id, operation.state])).toEqual([
        [again.id, 'applied'],
        [deletion.id, 'undone'],
        [relabel.id, 'superseded'],
      ]);
      expect((await store.operations(1)).map((operation) => operation.id)).toEqual([again.id]);
      expect(await codeOf(store.undo({ operation: relabel.id }))).toBe('SAMPLE_CONFLICT');
      const bySample = await store.undo({ sample: relabel.sample }, at(10));
      expect(bySample.id).toBe(again.id);
      expect(await store.read(moved)).toEqual(Buffer.from(png(10)));
      expect((await store.operations(10)).map((operation) => operation.state)).toEqual([
        'undone',
        'undone',
        'applied',
      ]);
      await store.undo({ sample: relabel.sample }, at(11));
      expect(await store.read(a.relativePath)).toEqual(Buffer.from(png(10)));
      expect((await store.list({ model: 'digits', limit: 10 })).counts).toEqual([
        { model: 'digits', label: '1', count: 1 },
        { model: 'digits', label: '2', count: 1 },
      ]);
    });

    it('keeps each model within its quota, samples and trash: a batch is stored whole or not at all', async () => {
      const store = await fresh(350);
      const [kept] = await store.saveAll('digits', [{ label: '1', png: png(1) }], {}, at(1));
      await store.saveAll(
        'digits',
        [
          { label: '2', png: png(2) },
          { label: '3', png: png(3) },
        ],
        {},
        at(2),
      );
      expect(await codeOf(store.saveAll('digits', [{ label: '4', png: png(4) }], {}, at(3)))).toBe(
        'FEEDBACK_QUOTA_EXCEEDED',
      );
      await store.delete(kept.relativePath, at(4));
      expect(await codeOf(store.save('digits', '5', png(5), {}, at(5)))).toBe('FEEDBACK_QUOTA_EXCEEDED');
      expect((await store.list({ limit: 10 })).total).toBe(2);
      expect(await store.bytesOf('digits')).toBe(300);
      // Another model has its own quota; a batch too large for it stores none of its samples.
      expect(
        await codeOf(
          store.saveAll(
            'letters',
            [1, 2, 3, 4].map((seed) => ({ label: 'A', png: png(seed) })),
            {},
            at(6),
          ),
        ),
      ).toBe('FEEDBACK_QUOTA_EXCEEDED');
      expect((await store.list({ model: 'letters', limit: 10 })).total).toBe(0);
      await store.saveAll(
        'letters',
        [1, 2, 3].map((seed) => ({ label: 'A', png: png(seed) })),
        {},
        at(7),
      );
      expect((await store.list({ model: 'letters', limit: 10 })).total).toBe(3);
    });

    it('discards samples whose answer never reached the client: gone, no trash, no operation', async () => {
      const store = await fresh(1000);
      const kept = await store.save('digits', '1', png(1), {}, at(1));
      const lost = await store.saveAll(
        'digits',
        [
          { label: '2', png: png(2) },
          { label: '2', png: png(3) },
        ],
        {},
        at(2),
      );
      expect(await store.bytesOf('digits')).toBe(300);
      await store.discard(lost);
      await store.discard(lost); // already gone: nothing to do
      await store.discard([{ relativePath: '../outside.png' }]);
      expect((await store.list({ limit: 10 })).samples.map((sample) => sample.path)).toEqual([
        kept.relativePath,
      ]);
      expect(await store.read(lost[0].relativePath)).toBeNull();
      expect(await store.bytesOf('digits')).toBe(100);
      expect(await store.operations(10)).toEqual([]);
      expect(await codeOf(store.undo({ sample: lost[0].relativePath.split('/')[2].slice(0, -4) }))).toBe(
        'SAMPLE_NOT_FOUND',
      );
    });
  });
}
