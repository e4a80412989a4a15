import { readFile } from 'node:fs/promises';
import { GlyphError } from '@glyph/core';

/**
 * An optional JSON file of a model folder, parsed: undefined when the folder has none; a file that
 * is not JSON is `MODEL_INVALID`, with `fix` saying how to write it again.
 */
export async function readOptionalJson(path: string, fix: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GlyphError('MODEL_INVALID', `${path} is not valid JSON (${(error as Error).message}). ${fix}`, {
      cause: error,
    });
  }
}
