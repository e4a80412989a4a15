import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo } from '../test-support/capture-io';

describe('glyph keys', () => {
  it('add: appends only the hash (file 0600) and prints the key once', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'glyph-keys-')), 'keys.txt');
    const first = captureIo();
    expect(await main(['keys', 'add', file, '--name', 'ci', '--scopes', 'predict,write'], first)).toBe(0);
    const second = captureIo();
    expect(await main(['keys', 'add', file], second)).toBe(0);
    const keys = [first.stdout.trim(), second.stdout.trim()];
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys[0]).not.toBe(keys[1]);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(keys[0]);
    // The lines `glyph serve --api-keys` reads (apps/server/src/auth/api-key-entries.ts).
    const sha = (key: string) => createHash('sha256').update(key).digest('hex');
    expect(text).toBe(`sha256:${sha(keys[0])} ci scopes=predict,write\nsha256:${sha(keys[1])}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('hash: prints the line for a given key; refuses unknown scopes (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['keys', 'hash', 'secret', '--name', 'me'], io)).toBe(0);
    expect(io.stdout).toBe(`sha256:${createHash('sha256').update('secret').digest('hex')} me\n`);
    const bad = captureIo();
    expect(await main(['keys', 'hash', 'secret', '--scopes', 'admin'], bad)).toBe(2);
    expect(bad.stderr).toMatch(/--scopes "admin"/);
  });
});
