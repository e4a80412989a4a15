import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Font } from 'opentype.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontDebianPackages, fontSets, type FontFace } from './font-split';
import type { GlyphStyle } from './glyph-style';
import { loadDataset } from './load-dataset';
import { loadFontFace } from './load-font-face';
import { renderFontDataset } from './render-fonts';
import { renderGlyphPng } from './render-glyph';

const face = (id: string): FontFace => [...fontSets.train, ...fontSets['held-out']].find((f) => f.id === id)!;

// A plain print: centred, upright, black on white, no photo effects.
const plain: GlyphStyle = {
  sizePx: 64,
  fontSizePx: 56,
  marginPx: 8,
  offsetX: 0,
  offsetY: 0,
  rotationDeg: 0,
  emboldenPx: 0,
  inkGray: 0,
  paperGray: 255,
  shadeGray: 255,
  shadeAngleDeg: 0,
  blurSigma: 0,
  noiseSigma: 0,
  noiseSeed: 1,
};

async function inkMask(
  png: Buffer,
): Promise<{ mask: boolean[]; width: number; height: number; channels: number }> {
  const { channels } = await sharp(png).metadata();
  const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return {
    mask: [...data].map((value) => value < 128),
    width: info.width,
    height: info.height,
    channels: channels!,
  };
}

function inkBox(mask: boolean[], width: number) {
  let [left, top, right, bottom] = [Infinity, Infinity, -1, -1];
  mask.forEach((ink, i) => {
    if (!ink) return;
    const [x, y] = [i % width, Math.floor(i / width)];
    [left, top, right, bottom] = [
      Math.min(left, x),
      Math.min(top, y),
      Math.max(right, x),
      Math.max(bottom, y),
    ];
  });
  return { left, top, right, bottom };
}

describe('font split', () => {
  const [train, heldOut] = [fontSets.train, fontSets['held-out']];

  it('never puts one design lineage or family on both sides', () => {
    const trainLineages = new Set(train.map((f) => f.lineage));
    const trainFamilies = new Set(train.map((f) => f.family.toLowerCase()));
    expect(heldOut.filter((f) => trainLineages.has(f.lineage))).toEqual([]);
    expect(heldOut.filter((f) => trainFamilies.has(f.family.toLowerCase()))).toEqual([]);
  });

  it('has serif, sans, mono and italic faces on each side, with unique ids', () => {
    for (const faces of [train, heldOut]) {
      expect(new Set(faces.map((f) => f.category))).toEqual(new Set(['serif', 'sans', 'mono']));
      expect(faces.some((f) => f.italic)).toBe(true);
    }
    const ids = [...train, ...heldOut].map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every font package installed by scripts/setup.sh', async () => {
    const setup = await readFile(new URL('../../../../scripts/setup.sh', import.meta.url), 'utf8');
    expect(fontDebianPackages().filter((name) => !setup.includes(name))).toEqual([]);
  });
});

describe('renderGlyphPng', () => {
  let serif: Font;
  let garamond: Font;
  beforeAll(async () => {
    [serif, garamond] = await Promise.all([
      loadFontFace(face('dejavu-serif')),
      loadFontFace(face('eb-garamond')),
    ]);
  });

  it('draws real, centred glyphs inside the margin, different per character', async () => {
    const masks: boolean[][] = [];
    for (const font of [serif, garamond]) {
      for (const char of ['a', 'e', 'o', 'W']) {
        const { mask, width, height, channels } = await inkMask(await renderGlyphPng(font, char, plain));
        expect([width, height, channels]).toEqual([64, 64, 1]);
        const inkFraction = mask.filter(Boolean).length / mask.length;
        expect(inkFraction).toBeGreaterThan(0.02);
        expect(inkFraction).toBeLessThan(0.6);
        const box = inkBox(mask, width);
        expect(Math.max(box.right - box.left, box.bottom - box.top)).toBeGreaterThan(15);
        expect(Math.min(box.left, box.top, 63 - box.right, 63 - box.bottom)).toBeGreaterThanOrEqual(7);
        expect(Math.abs((box.left + box.right) / 2 - 31.5)).toBeLessThanOrEqual(1.5);
        expect(Math.abs((box.top + box.bottom) / 2 - 31.5)).toBeLessThanOrEqual(1.5);
        masks.push(mask);
      }
    }
    // Every pair of glyphs differs in a good share of its ink (same character, other font included).
    for (let i = 0; i < masks.length; i++) {
      for (let j = i + 1; j < masks.length; j++) {
        const union = masks[i].filter((ink, k) => ink || masks[j][k]).length;
        const both = masks[i].filter((ink, k) => ink && masks[j][k]).length;
        expect(both / union).toBeLessThan(0.85);
      }
    }
  });

  it('moves, turns and photographs the glyph as the style says', async () => {
    const shifted = inkBox(
      (await inkMask(await renderGlyphPng(serif, 'l', { ...plain, offsetX: 1 }))).mask,
      64,
    );
    expect(shifted.right).toBeGreaterThanOrEqual(54);
    const photo = await renderGlyphPng(serif, 'l', { ...plain, shadeGray: 180, blurSigma: 1, noiseSigma: 8 });
    const { data } = await sharp(photo).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(new Set(data).size).toBeGreaterThan(60);
  });

  it('refuses a character the font does not draw', async () => {
    await expect(renderGlyphPng(serif, '\u{1F600}', plain)).rejects.toMatchObject({ code: 'DATASET_EMPTY' });
  });
});

describe('renderFontDataset', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'glyph-fonts-'));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('writes a folder dataset with case-distinct classes, the same bytes for the same seed', async () => {
    const options = {
      fonts: 'held-out',
      chars: ['a', 'A'],
      perFont: 2,
      faceIds: ['go', 'p052-italic'],
    } as const;
    const first = await renderFontDataset({ ...options, seed: 7, out: join(root, 'one') });
    await renderFontDataset({ ...options, seed: 7, out: join(root, 'two') });
    await renderFontDataset({ ...options, seed: 8, out: join(root, 'three') });
    expect(first.images).toBe(8);
    expect((await readdir(first.out)).sort()).toEqual(['%41', 'a', 'render-fonts.json']);
    const files = (await readdir(join(first.out, 'a'))).sort();
    expect(files).toEqual(['go-0.png', 'go-1.png', 'p052-italic-0.png', 'p052-italic-1.png']);
    const read = (folder: string) => readFile(join(root, folder, '%41', 'go-1.png'));
    expect((await read('one')).equals(await read('two'))).toBe(true);
    expect((await read('one')).equals(await read('three'))).toBe(false);

    const dataset = await loadDataset(`folder:${first.out}`, { channels: 1 });
    expect([...dataset.train!.classNames].sort()).toEqual(['A', 'a']);
    expect(dataset.train!.count).toBe(8);
  });

  it('refuses a folder that is not empty and names the package of a missing font', async () => {
    const used = join(root, 'used');
    await renderFontDataset({
      fonts: 'train',
      chars: ['x'],
      perFont: 1,
      seed: 1,
      faceIds: ['lm-mono'],
      out: used,
    });
    await expect(
      renderFontDataset({
        fonts: 'train',
        chars: ['x'],
        perFont: 1,
        seed: 1,
        faceIds: ['lm-mono'],
        out: used,
      }),
    ).rejects.toMatchObject({ code: 'BAD_USAGE' });
    await writeFile(join(root, 'not-a-font-root'), '');
    await expect(
      renderFontDataset({
        fonts: 'held-out',
        chars: ['x'],
        perFont: 1,
        seed: 1,
        out: join(root, 'x'),
        fontRoot: root,
      }),
    ).rejects.toThrow(/fonts-ebgaramond/);
  });
});
