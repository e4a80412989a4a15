import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlyphError } from '@glyph/core';
import { fnv1a32, mulberry32 } from '@glyph/core/data';
import type { Font } from 'opentype.js';
import { fontSets, type FontFace, type FontSetName } from './font-split';
import { sampleGlyphStyle } from './glyph-style';
import { labelToDirName } from './label-folder-name';
import { defaultFontRoot, loadFontFace } from './load-font-face';
import { mapConcurrent } from './map-concurrent';
import { renderGlyphPng } from './render-glyph';

export interface RenderFontsOptions {
  readonly fonts: FontSetName;
  /** One class per character, e.g. from `parseCharRanges('a-z')`. */
  readonly chars: readonly string[];
  /** Images per character per face. */
  readonly perFont: number;
  readonly seed: number;
  /** A new or empty folder; receives `<class>/<face>-<n>.png` and `render-fonts.json`. */
  readonly out: string;
  /** Side of the square images; default 64. */
  readonly sizePx?: number;
  /** Fraction of images drawn like a photo of paper (shade, blur, noise); default 0.5. */
  readonly photoFraction?: number;
  readonly fontRoot?: string;
  /** Only these face ids of the set (default: all). */
  readonly faceIds?: readonly string[];
  /**
   * Put upper-case glyphs in their lower-case class (`A` into `a`), as EMNIST letters and the
   * `letters` model do; their files are named `<face>-upper-<n>.png`.
   */
  readonly foldCase?: boolean;
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RenderFontsResult {
  readonly out: string;
  readonly images: number;
  readonly faces: readonly string[];
  readonly classes: number;
  readonly manifest: string;
}

export const renderFontsManifestName = 'render-fonts.json';

/**
 * Writes a folder dataset of printed characters rendered from one font set. Each image's style comes
 * from a random source seeded by (seed, face, character, n), so an image does not change when other
 * faces or characters are added, and the same options write the same files.
 */
export async function renderFontDataset(options: RenderFontsOptions): Promise<RenderFontsResult> {
  const faces = selectFaces(options.fonts, options.faceIds);
  if (options.chars.length === 0)
    throw new GlyphError('BAD_USAGE', 'No characters to render; pass e.g. --chars a-z.');
  if (!Number.isInteger(options.perFont) || options.perFont < 1) {
    throw new GlyphError('BAD_USAGE', `--per-font must be a positive whole number, got ${options.perFont}.`);
  }
  await ensureEmptyFolder(options.out);
  const fontRoot = options.fontRoot ?? defaultFontRoot;
  const fonts = new Map<string, Font>();
  for (const face of faces) fonts.set(face.id, await loadFontFace(face, fontRoot));
  const classOf = (char: string) => (options.foldCase ? char.toLowerCase() : char);
  for (const char of options.chars)
    await mkdir(join(options.out, labelToDirName(classOf(char))), { recursive: true });

  const jobs = faces.flatMap((face) =>
    options.chars.flatMap((char) => Array.from({ length: options.perFont }, (_, n) => ({ face, char, n }))),
  );
  const digits = String(options.perFont - 1).length;
  await mapConcurrent(
    jobs,
    options.concurrency ?? 4,
    async ({ face, char, n }) => {
      const random = mulberry32(fnv1a32(new TextEncoder().encode(`${options.seed}:${face.id}:${char}:${n}`)));
      const style = sampleGlyphStyle(random, {
        sizePx: options.sizePx,
        photoFraction: options.photoFraction,
      });
      const png = await renderGlyphPng(fonts.get(face.id)!, char, style);
      const folded = classOf(char) !== char ? 'upper-' : '';
      const name = `${face.id}-${folded}${String(n).padStart(digits, '0')}.png`;
      await writeFile(join(options.out, labelToDirName(classOf(char)), name), png);
    },
    options.onProgress,
  );
  const manifest = join(options.out, renderFontsManifestName);
  const record = {
    fonts: options.fonts,
    chars: options.chars.join(''),
    foldCase: options.foldCase ?? false,
    perFont: options.perFont,
    seed: options.seed,
    sizePx: options.sizePx ?? 64,
    photoFraction: options.photoFraction ?? 0.5,
    faces: faces.map(({ id, family, lineage, category, file }) => ({ id, family, lineage, category, file })),
    images: jobs.length,
  };
  await writeFile(manifest, `${JSON.stringify(record, null, 2)}\n`);
  return {
    out: options.out,
    images: jobs.length,
    faces: faces.map((face) => face.id),
    classes: new Set(options.chars.map(classOf)).size,
    manifest,
  };
}

function selectFaces(set: FontSetName, faceIds: readonly string[] | undefined): readonly FontFace[] {
  const faces = fontSets[set];
  if (!faces) {
    throw new GlyphError(
      'BAD_USAGE',
      `Unknown font set "${String(set)}"; expected one of: ${Object.keys(fontSets).join(', ')}.`,
    );
  }
  if (!faceIds) return faces;
  const unknown = faceIds.filter((id) => !faces.some((face) => face.id === id));
  if (unknown.length > 0) {
    throw new GlyphError(
      'BAD_USAGE',
      `Font set ${set} has no face ${unknown.join(', ')}; its faces are: ${faces.map((face) => face.id).join(', ')}.`,
    );
  }
  return faces.filter((face) => faceIds.includes(face.id));
}

/** Refuses a folder that already holds something, so stale images never mix into a new render. */
async function ensureEmptyFolder(out: string): Promise<void> {
  const entries = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new GlyphError(
      'BAD_USAGE',
      `${out} is not empty (${entries.length} entries). Render into a new folder, or delete this one first.`,
    );
  }
  await mkdir(out, { recursive: true });
}
