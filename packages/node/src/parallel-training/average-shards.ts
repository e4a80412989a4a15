import type { ShardResult } from './worker-protocol';

/**
 * Weighted mean of the shards' arrays (weight = shard size / batch size). Each shard's gradient is
 * of its own mean loss, so this is the gradient of the whole batch's mean loss.
 */
export function averageArrays(
  shards: readonly ShardResult[],
  pick: (shard: ShardResult) => Float32Array[],
): Float32Array[] {
  const total = shards.reduce((sum, shard) => sum + shard.count, 0);
  const [first, ...rest] = shards;
  return pick(first).map((values, index) => {
    const mean = new Float32Array(values.length);
    const firstWeight = first.count / total;
    for (let i = 0; i < values.length; i++) mean[i] = values[i] * firstWeight;
    for (const shard of rest) {
      const other = pick(shard)[index];
      const weight = shard.count / total;
      for (let i = 0; i < other.length; i++) mean[i] += other[i] * weight;
    }
    return mean;
  });
}

/** Weighted mean of a per-shard number. */
export function averageOf(shards: readonly ShardResult[], pick: (shard: ShardResult) => number): number {
  const total = shards.reduce((sum, shard) => sum + shard.count, 0);
  return shards.reduce((sum, shard) => sum + (pick(shard) * shard.count) / total, 0);
}

/** Splits `batchSize` samples into `parts` contiguous shards whose sizes differ by at most one. */
export function shardSizes(batchSize: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, index) => Math.floor((batchSize * (index + 1)) / parts) - Math.floor((batchSize * index) / parts),
  );
}
