import type { TopLoss } from '@glyph/core/metrics';

/** How a report names a sample: its file (folder datasets), else its position in the data. */
export function sampleName(loss: Pick<TopLoss, 'index' | 'source'>, maxLength = Infinity): string {
  if (loss.source === undefined) return `#${loss.index}`;
  // Long paths keep their end: the class folder and file name are what tell samples apart.
  return loss.source.length <= maxLength ? loss.source : `…${loss.source.slice(-(maxLength - 1))}`;
}
