import { GlyphError } from '@glyph/core';
import type { TrainConfig } from './train-config';

/**
 * The config a resumed run continues with: the checkpoint's, exactly. Flags given again on the
 * command line must agree with it — a resumed run that quietly changed its learning rate or data
 * would no longer be the run it claims to be.
 */
export function resumeConfig(
  saved: TrainConfig,
  requested: TrainConfig,
  explicit: ReadonlySet<keyof TrainConfig>,
): TrainConfig {
  const conflicts = [...explicit].filter(
    (key) => JSON.stringify(requested[key]) !== JSON.stringify(saved[key]),
  );
  if (conflicts.length > 0) {
    const described = conflicts
      .map((key) => `${key}: run has ${JSON.stringify(saved[key])}, now ${JSON.stringify(requested[key])}`)
      .join('; ');
    throw new GlyphError(
      'BAD_USAGE',
      `--resume continues the run exactly as it started, but ${described}. Drop those flags to resume, or train into a new --out folder.`,
    );
  }
  return saved;
}
