import { GlyphError } from '@glyph/core';
import {
  fontSetNames,
  parseCharRanges,
  renderFontDataset,
  type RenderFontsOptions,
} from '@glyph/node/datasets';
import type { CliIo } from '../cli-io';
import { progressReporter } from './data-progress';

type ParsedOptions = Omit<RenderFontsOptions, 'onProgress'>;

export function parseRenderFontsOptions(raw: Record<string, unknown>): ParsedOptions {
  const fonts = String(raw.fonts);
  if (!(fontSetNames as readonly string[]).includes(fonts)) {
    throw new GlyphError('BAD_USAGE', `--fonts must be one of ${fontSetNames.join(', ')}, got "${fonts}".`);
  }
  const whole = (flag: string, value: unknown, min: number) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min) {
      throw new GlyphError('BAD_USAGE', `--${flag} must be a whole number ≥ ${min}, got "${String(value)}".`);
    }
    return number;
  };
  const photoFraction = Number(raw.photo);
  if (!(photoFraction >= 0 && photoFraction <= 1)) {
    throw new GlyphError('BAD_USAGE', `--photo must be a fraction from 0 to 1, got "${String(raw.photo)}".`);
  }
  if (raw.out === undefined)
    throw new GlyphError('BAD_USAGE', '--out <dir> is required: the folder to write.');
  return {
    fonts: fonts as RenderFontsOptions['fonts'],
    chars: parseCharRanges(String(raw.chars)),
    perFont: whole('per-font', raw.perFont, 1),
    seed: whole('seed', raw.seed, 0),
    out: String(raw.out),
    sizePx: whole('size', raw.size, 16),
    photoFraction,
    ...(raw.fontRoot !== undefined && { fontRoot: String(raw.fontRoot) }),
    ...(raw.faces !== undefined && { faceIds: String(raw.faces).split(',') }),
    foldCase: raw.foldCase === true,
  };
}

export async function runDataRenderFonts(options: ParsedOptions, io: CliIo): Promise<void> {
  const progress = progressReporter((text) => io.err(text), Boolean(process.stderr.isTTY));
  const result = await renderFontDataset({
    ...options,
    onProgress: (done, total) => progress.update('rendering', done, total),
  }).finally(() => progress.end());
  io.out(
    `Wrote ${result.images} images (${result.classes} classes, ${result.faces.length} faces of the ` +
      `${options.fonts} fonts) to ${result.out}; settings in ${result.manifest}.\n`,
  );
}
