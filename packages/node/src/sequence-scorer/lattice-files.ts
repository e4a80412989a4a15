import { readFile } from 'node:fs/promises';
import { GlyphError } from '@glyph/core';
import { STRAY_SHARE } from '@glyph/core/recognize';
import { parseSavedLattices, toLattice, type Lattice, type SavedLattices } from '@glyph/core/sequence-scorer';
import { writeFileAtomic } from '../model-io/atomic-write';

/** Saves lattices (`collectLattices`) as one JSON file. */
export async function saveLatticeFile(path: string, saved: SavedLattices): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(saved));
}

/** Reads lattice files, checked, as the graphs the scorer is fitted and measured on. */
export async function readLatticeFiles(files: readonly string[]): Promise<Lattice[]> {
  const all: Lattice[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new GlyphError(
        'BAD_USAGE',
        `${file} could not be read as JSON (${(error as Error).message}). Pass a file written by \`glyph sequence-scorer lattices\`.`,
        { cause: error },
      );
    }
    const saved = parseSavedLattices(json, file);
    all.push(...saved.lines.map((line) => toLattice(line, saved.labels, STRAY_SHARE)));
  }
  return all;
}
