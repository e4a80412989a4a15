import { GlyphError } from '@glyph/core';

/** FEEDBACK_QUOTA_EXCEEDED for a write of `bytes` to a model already using `usedBytes` of `quotaBytes`. */
export function quotaExceeded(
  modelId: string,
  usedBytes: number,
  quotaBytes: number,
  bytes: number,
): GlyphError {
  return new GlyphError(
    'FEEDBACK_QUOTA_EXCEEDED',
    `Model "${modelId}" has ${formatBytes(usedBytes)} of feedback (samples and trash) of its ${formatBytes(quotaBytes)} quota, so this ${formatBytes(bytes)} was not stored; nothing stored before was touched. Remove samples (deleted ones wait in the trash for undo) or start the server with a larger --feedback-quota.`,
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}
