import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepStaleTemp } from './sweep-stale-temp';

async function tree(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
}

async function list(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('sweepStaleTemp', () => {
  it('removes half-written feedback files and upload staging folders, and keeps everything else', async () => {
    const feedbackDir = await mkdtemp(path.join(tmpdir(), 'glyph-sweep-feedback-'));
    const modelsDir = await mkdtemp(path.join(tmpdir(), 'glyph-sweep-models-'));
    await tree(feedbackDir, {
      'digits/7/20260101T000000000Z-aaaa.png': 'stored',
      'digits/7/.20260101T000000001Z-bbbb.png.tmp': 'half',
      'digits/.edits.jsonl.123.tmp': 'half',
      'digits/7/notes.tmp': 'not ours: not hidden',
      '.edits.jsonl': 'log',
    });
    await tree(modelsDir, {
      'digits/model.json': 'served',
      '.digits.upload-0a1b2c3d/model.json': 'staging',
      '.letters.replaced-deadbeef/model.json': 'old letters',
      '.digits.replaced-00ff00ff/model.json': 'old digits',
    });
    const report = await sweepStaleTemp({ feedbackDir, modelsDir });
    expect(report.removedFiles.map((file) => path.relative(feedbackDir, file)).sort()).toEqual([
      'digits/.edits.jsonl.123.tmp',
      'digits/7/.20260101T000000001Z-bbbb.png.tmp',
    ]);
    expect(await list(feedbackDir)).toEqual([
      '.edits.jsonl',
      'digits/7/20260101T000000000Z-aaaa.png',
      'digits/7/notes.tmp',
    ]);
    // letters had been moved aside and never replaced: it comes back; digits' old copy goes.
    expect(report.restoredFolders).toEqual([path.join(modelsDir, 'letters')]);
    expect(report.removedFolders.map((folder) => path.basename(folder)).sort()).toEqual([
      '.digits.replaced-00ff00ff',
      '.digits.upload-0a1b2c3d',
    ]);
    expect(await list(modelsDir)).toEqual(['digits/model.json', 'letters/model.json']);
    expect(await readFile(path.join(modelsDir, 'letters/model.json'), 'utf8')).toBe('old letters');
  });

  it('is a no-op for directories that do not exist yet', async () => {
    const missing = path.join(tmpdir(), `glyph-sweep-missing-${process.pid}`);
    expect(await sweepStaleTemp({ feedbackDir: missing, modelsDir: missing })).toEqual({
      removedFiles: [],
      removedFolders: [],
      restoredFolders: [],
    });
  });
});
