import { mapConcurrent } from './map-concurrent';
import { probeImageFile, type DecodeTarget } from './decode-image-file';

/** How many evenly spaced files are probed to pick defaults; headers only, so this stays fast. */
const probeSampleSize = 256;

/**
 * The decode target: explicit options win (one of width/height alone means a square); otherwise the
 * most common size among a sample of the files, and grayscale unless a sampled file is in colour.
 */
export async function chooseDecodeTarget(
  files: readonly string[],
  options: { width?: number; height?: number; channels?: 1 | 3; concurrency: number },
): Promise<{ target: DecodeTarget; note?: string }> {
  const explicitWidth = options.width ?? options.height;
  const explicitHeight = options.height ?? options.width;
  if (explicitWidth !== undefined && explicitHeight !== undefined && options.channels !== undefined) {
    return { target: { width: explicitWidth, height: explicitHeight, channels: options.channels } };
  }
  const step = Math.max(1, files.length / probeSampleSize);
  const sample = Array.from(
    { length: Math.min(files.length, probeSampleSize) },
    (_, i) => files[Math.floor(i * step)],
  );
  const probes = (await mapConcurrent(sample, options.concurrency, probeImageFile)).filter(
    (probe) => probe !== undefined,
  );
  const sizeCounts = new Map<string, number>();
  for (const probe of probes) {
    const key = `${probe.width}x${probe.height}`;
    sizeCounts.set(key, (sizeCounts.get(key) ?? 0) + 1);
  }
  const [commonSize] = [...sizeCounts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['28x28'];
  const [commonWidth, commonHeight] = commonSize.split('x').map(Number);
  const target: DecodeTarget = {
    width: explicitWidth ?? commonWidth,
    height: explicitHeight ?? commonHeight,
    channels: options.channels ?? (probes.some((probe) => probe.color) ? 3 : 1),
  };
  const chose = [
    explicitWidth === undefined ? `size ${target.width}×${target.height} (the most common size)` : '',
    options.channels === undefined ? `${target.channels === 1 ? 'grayscale' : 'RGB'} (from the files)` : '',
  ].filter(Boolean);
  return {
    target,
    note: `Decoded as ${chose.join(', ')} after probing ${probes.length} of ${files.length} files; set width/height/channels to override.`,
  };
}
