import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedbackEditor, operationsDirName } from './feedback-editor';
import { scanFeedback } from './list-feedback';

const fixture = fileURLToPath(new URL('./edit-loop.fixture.ts', import.meta.url));
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every sample file, wherever it is (label folders or the trash), by file name → content hash. */
async function everySample(root: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.png')) continue;
    const hash = sha(await readFile(path.join(entry.parentPath, entry.name)));
    found.set(entry.name, [...(found.get(entry.name) ?? []), hash]);
  }
  return found;
}

async function samplesIn(root: string, count: number): Promise<Map<string, string>> {
  const original = new Map<string, string>();
  for (let index = 0; index < count; index += 1) {
    const name = `20250101T0000000${String(index).padStart(2, '0')}Z-${String(index).padStart(8, '0')}.png`;
    const bytes = Buffer.from(`sample ${index} `.repeat(50 + index));
    await mkdir(path.join(root, 'm', String(index % 4)), { recursive: true });
    await writeFile(path.join(root, 'm', String(index % 4), name), bytes);
    original.set(name, sha(bytes));
  }
  return original;
}

describe('FeedbackEditor under kill -9', () => {
  it('never loses or duplicates a sample, whenever the process dies', { timeout: 120_000 }, async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'glyph-kill-'));
    temporary.push(root);
    const original = await samplesIn(root, 12);
    let operationsSeen = 0;
    for (let round = 0; round < 5; round += 1) {
      const child = fork(fixture, [root, String(round + 1)], {
        execArgv: ['--import', 'tsx'],
        stdio: 'ignore',
      });
      await new Promise((resolve) => child.once('message', resolve));
      await new Promise((resolve) => setTimeout(resolve, 150 + round * 70));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      // Each sample exists exactly once (label folder or trash), byte for byte as stored.
      const now = await everySample(root);
      expect([...now.keys()].sort()).toEqual([...original.keys()].sort());
      for (const [name, hashes] of now) expect(hashes, name).toEqual([original.get(name)]);
      // Every record still reads, and tells where its sample is.
      const editor = new FeedbackEditor(root);
      const operations = await editor.operations(10_000);
      operationsSeen = operations.length;
      for (const operation of operations)
        expect(['applied', 'undone', 'superseded']).toContain(operation.state);
      // The listing (what training reads) holds only whole files of the store's layout.
      for (const sample of await scanFeedback(root))
        expect(original.has(sample.path.split('/')[2])).toBe(true);
    }
    expect(operationsSeen).toBeGreaterThan(10);
    // After the last kill the store still works: undo the latest applied operation.
    const editor = new FeedbackEditor(root);
    const applied = (await editor.operations(10_000)).find((operation) => operation.state === 'applied');
    if (applied) expect((await editor.undo({ operation: applied.id })).state).toBe('undone');
  });

  it('reads a record whose move never happened (a crash between the two) as undone, and moves nothing', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'glyph-crash-'));
    temporary.push(root);
    const [name] = (await samplesIn(root, 1)).keys();
    const record = {
      id: '20250101T000000000Z-0000abcd',
      kind: 'relabel',
      model: 'm',
      sample: name.replace('.png', ''),
      from: { label: '0', path: `m/0/${name}` },
      to: { label: '1', path: `m/1/${name}` },
      at: '2025-01-01T00:00:00.000Z',
    };
    await mkdir(path.join(root, operationsDirName));
    await writeFile(path.join(root, operationsDirName, `${record.id}.json`), JSON.stringify(record));
    // A record edited to point outside the folder is not read at all.
    const outside = {
      ...record,
      id: '20250101T000000000Z-0000abce',
      to: { label: '1', path: '../../x.png' },
    };
    await writeFile(path.join(root, operationsDirName, `${outside.id}.json`), JSON.stringify(outside));
    const editor = new FeedbackEditor(root);
    expect((await editor.operations(10)).map((operation) => [operation.id, operation.state])).toEqual([
      [record.id, 'undone'],
    ]);
    await expect(editor.undo({ operation: record.id })).rejects.toMatchObject({ code: 'SAMPLE_CONFLICT' });
    await expect(editor.undo({ operation: outside.id })).rejects.toMatchObject({ code: 'SAMPLE_NOT_FOUND' });
    expect((await scanFeedback(root)).map((sample) => sample.path)).toEqual([`m/0/${name}`]);
  });
});
