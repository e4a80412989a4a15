import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlyphError } from '@glyph/core';
import opentype, { type Font } from 'opentype.js';
import type { FontFace } from './font-split';

/** Where Debian installs fonts (`/usr/share/fonts/…`, `/usr/share/texmf/…`). */
export const defaultFontRoot = '/usr/share';

/** Reads and parses one face of the font table; a missing file names the package that provides it. */
export async function loadFontFace(face: FontFace, fontRoot: string = defaultFontRoot): Promise<Font> {
  const path = join(fontRoot, face.file);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    throw new GlyphError(
      'DATASET_MISSING',
      `Font file ${path} (face ${face.id}) does not exist. It comes from the Debian package ` +
        `${face.debianPackage}: run \`bash scripts/setup.sh\` (or \`apt-get install ${face.debianPackage}\`), ` +
        'or point --font-root at the folder that holds fonts/ and texmf/.',
    );
  });
  try {
    return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch (error) {
    throw new GlyphError(
      'DATASET_CORRUPT',
      `Font file ${path} (face ${face.id}) cannot be parsed as TrueType/OpenType: ${(error as Error).message}. ` +
        `Reinstall ${face.debianPackage}.`,
    );
  }
}
