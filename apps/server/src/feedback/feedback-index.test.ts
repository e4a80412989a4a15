import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FeedbackEditor } from './feedback-editor';
import { FeedbackIndex } from './feedback-index';
import { FolderSampleWriter } from './folder-sample-writer';
import { compare, scanFeedback } from './list-feedback';

const calls = vi.hoisted(() => ({ readdir: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  const readdir = ((...args: Parameters<typeof actual.readdir>) => {
    calls.readdir += 1;
    return actual.readdir(...args);
  }) as typeof actual.readdir;
  return { ...actual, default: { ...actual, readdir }, readdir };
});

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function emptyDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'glyph-index-'));
  temporary.push(dir);
  return dir;
}

/** What the listing must say, read from the disk the slow way. */
async function fromDisk(root: string) {
  const found = await scanFeedback(root);
  found.sort((a, b) => compare(b.fileName, a.fileName) || compare(a.path, b.path));
  const counts = new Map<string, number>();
  for (const { model, label } of found)
    counts.set(`${model}/${label}`, (counts.get(`${model}/${label}`) ?? 0) + 1);
  return {
    paths: found.map((sample) => sample.path),
    counts: Object.fromEntries(counts),
    total: found.length,
  };
}

async function fromIndex(index: FeedbackIndex) {
  const listing = await index.list({ limit: 100_000 });
  const counts = Object.fromEntries(
    listing.counts.map((count) => [`${count.model}/${count.label}`, count.count]),
  );
  return { paths: listing.samples.map((sample) => sample.path), counts, total: listing.total };
}

const png = (index: number) => Buffer.from(`sample ${index} `.repeat(10 + (index % 7)));

describe('FeedbackIndex', () => {
  it('stays in step through writes, relabel, delete, undo, hand edits and a restart', async () => {
    const root = await emptyDir();
    const index = new FeedbackIndex(root);
    const store = new FolderSampleWriter(root, index);
    const editor = new FeedbackEditor(root);
    const paths: string[] = [];
    for (let sample = 0; sample < 12; sample += 1) {
      const model = sample % 3 === 0 ? 'letters' : 'digits';
      const when = new Date(Date.UTC(2025, 0, 1, 0, 0, sample));
      paths.push(
        (await store.saveAll(model, [{ label: String(sample % 4), png: png(sample) }], when))[0].relativePath,
      );
    }
    const expectInStep = async () => expect(await fromIndex(index)).toEqual(await fromDisk(root));
    await expectInStep();
    const relabel = await editor.relabel(paths[1], '9');
    await expectInStep();
    const deletion = await editor.delete(paths[2]);
    await expectInStep();
    expect((await index.list({ limit: 100 })).samples.map((sample) => sample.path)).not.toContain(paths[2]);
    await editor.undo({ operation: deletion.id });
    await editor.undo({ operation: relabel.id });
    await expectInStep();
    await editor.delete(paths[4]);
    // By hand: a file added, a file removed, a label folder emptied by a relabel.
    await writeFile(path.join(root, 'digits', '1', '20300101T000000000Z-0000abcd.png'), png(99));
    await rm(path.join(root, paths[5]));
    await editor.relabel(paths[7], '8');
    await expectInStep();
    // Trash counts towards the model's bytes; a restart reads the same state.
    const restarted = new FeedbackIndex(root);
    await restarted.loaded();
    expect(await fromIndex(restarted)).toEqual(await fromIndex(index));
    expect(restarted.bytesOf('digits')).toBe(index.bytesOf('digits'));
    expect(restarted.bytesOf('letters')).toBe(index.bytesOf('letters'));
    expect(index.bytesOf('digits')).toBeGreaterThan(0);
  });

  it('lists 5,000 samples from memory: no folder is read again unless it changed', async () => {
    const root = await emptyDir();
    for (let label = 0; label < 10; label += 1)
      await mkdir(path.join(root, 'digits', String(label)), { recursive: true });
    const names: string[] = [];
    await Promise.all(
      Array.from({ length: 5000 }, (_, sample) => {
        const name = `20250101T${String(100000000 + sample).slice(1)}Z-${String(sample).padStart(8, '0')}.png`;
        names.push(`digits/${sample % 10}/${name}`);
        return writeFile(path.join(root, 'digits', String(sample % 10), name), png(sample));
      }),
    );
    const index = new FeedbackIndex(root);
    await index.loaded();
    calls.readdir = 0;
    const listing = await index.list({ limit: 50 });
    const byModel = await index.list({ model: 'digits', limit: 0 });
    expect(calls.readdir).toBe(0);
    expect(listing.total).toBe(5000);
    expect(listing.truncated).toBe(true);
    const newestFirst = [...names].sort((a, b) => compare(b.split('/')[2], a.split('/')[2]));
    expect(listing.samples.map((sample) => sample.path)).toEqual(newestFirst.slice(0, 50));
    expect(byModel.counts.map((count) => count.count)).toEqual(Array(10).fill(500));
    // One file added by hand: only its folder is read again.
    await writeFile(path.join(root, 'digits', '3', '20990101T000000000Z-ffffffff.png'), png(1));
    expect((await index.list({ limit: 1 })).samples[0].path).toBe(
      'digits/3/20990101T000000000Z-ffffffff.png',
    );
    expect(calls.readdir).toBe(1);
  });
});

// The mock must wrap the module the index uses, not just this file's import.
it('counts readdir calls through the mocked module', async () => {
  const before = calls.readdir;
  await fs.readdir(tmpdir());
  expect(calls.readdir).toBe(before + 1);
});
