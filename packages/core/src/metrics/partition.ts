import type { DataPartition } from './evaluation-report';

export interface PartitionFacts {
  /** The dataset as named to the user, e.g. `emnist-byclass`. */
  readonly dataset: string;
  /** The split the samples come from, when the dataset has splits. */
  readonly split?: string;
  /** Set when the samples are a content-hash held-out partition. */
  readonly holdoutFraction?: number;
}

/** Names the evaluated samples in one plain sentence, so no reader mistakes a holdout for a test split. */
export function describePartition(facts: PartitionFacts): DataPartition {
  const { dataset, split, holdoutFraction } = facts;
  if (holdoutFraction !== undefined) {
    const percent = formatPercent(holdoutFraction);
    const source = split === undefined ? dataset : `${dataset}:${split}`;
    return {
      kind: 'holdout',
      ...(split === undefined ? {} : { split }),
      holdoutFraction,
      statement:
        `These numbers come from our own held-out partition (${percent} of ${source}, chosen by content hash and never used in training), ` +
        `not from the official test split; they are not comparable with published test-set results.`,
    };
  }
  if (split !== undefined) {
    return {
      kind: 'official-split',
      split,
      statement: `These numbers come from the ${split} split of ${dataset}.`,
    };
  }
  return { kind: 'whole-dataset', statement: `These numbers come from every image of ${dataset}.` };
}

function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}
