import { GlyphError } from '@glyph/core';
import { resolveDataDir, writeLinePieces } from '@glyph/node/datasets';
import type { CliIo } from '../cli-io';
import { progressReporter } from './data-progress';

/** `glyph data line-pieces`: digits cut out of written lines by the segmenter, as a folder dataset. */
export async function runDataLinePieces(raw: Record<string, unknown>, io: CliIo): Promise<void> {
  const whole = (flag: string, value: unknown, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new GlyphError('BAD_USAGE', `--${flag} must be a whole number ≥ ${min}, got "${String(value)}".`);
    return n;
  };
  const lines = whole('lines', raw.lines, 1);
  const seed = whole('seed', raw.seed, 0);
  const progress = progressReporter((text) => io.err(text), Boolean(process.stderr.isTTY));
  const result = await writeLinePieces({
    lines,
    seed,
    dataDir: resolveDataDir(raw.dataDir as string | undefined),
    out: String(raw.out),
    onProgress: (done, total) => progress.update('lines', done, total),
  }).finally(() => progress.end());
  io.out(
    `${result.pieces} pieces (${result.cut} cut from touching digits) from ${lines} lines → ${result.out}\n`,
  );
}
