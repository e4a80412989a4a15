import { imageAt } from '@glyph/core/data';
import { classifyBatch, type Recognizer } from '@glyph/core/recognize';

type Network = Parameters<typeof classifyBatch>[0];
import type { BoardSet } from './board-sets';

export interface BoardScore {
  readonly set: string;
  readonly about: string;
  readonly count: number;
  /** Top-1 right, over every image (no-ink answers count as wrong). */
  readonly accuracy: number;
  /** Images `preprocess` found no ink in. */
  readonly noInk: number;
  /** Answers marked "not a character" / "several characters" / "uncertain". */
  readonly rejected: number;
  /** Right and not rejected, over every image: what a user reading only confident answers gets. */
  readonly acceptedRight: number;
}

const CHUNK = 256;

/** The model's label for a true class name: itself, or its lower case for case-insensitive models. */
function modelLabel(labels: readonly string[], truth: string): string | undefined {
  if (labels.includes(truth)) return truth;
  const lower = truth.toLowerCase();
  return labels.includes(lower) ? lower : undefined;
}

export async function scoreSet(recognizer: Recognizer, network: Network, set: BoardSet): Promise<BoardScore> {
  const { labels } = recognizer.metadata;
  const truths = set.labels.map((label) => modelLabel(labels, label));
  const missing = set.labels.find((_, i) => truths[i] === undefined);
  if (missing !== undefined)
    throw new Error(`${set.name}: class "${missing}" is not among the model's labels`);
  let right = 0;
  let noInk = 0;
  let rejected = 0;
  let acceptedRight = 0;
  if (set.images) {
    for (let start = 0; start < set.images.length; start += CHUNK) {
      const answers = await recognizer.recognizeBatch(set.images.slice(start, start + CHUNK), { top: 1 });
      answers.forEach((answer, k) => {
        if (answer.empty) return void noInk++;
        const isRight = answer.predictions[0]?.label === truths[start + k];
        if (isRight) right++;
        if (answer.rejected) rejected++;
        else if (isRight) acceptedRight++;
      });
    }
  } else {
    const test = set.modelInput!;
    const shape = recognizer.metadata.input;
    for (let start = 0; start < test.count; start += CHUNK) {
      const inputs = [];
      for (let i = start; i < Math.min(test.count, start + CHUNK); i++)
        inputs.push(Float32Array.from(imageAt(test, i), (v) => v / 255));
      const rows = await classifyBatch(network, inputs, shape);
      rows.forEach((row, k) => {
        let best = 0;
        for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
        if (labels[best] === truths[start + k]) right++;
      });
    }
    acceptedRight = right;
  }
  const count = set.labels.length;
  return {
    set: set.name,
    about: set.about,
    count,
    accuracy: right / count,
    noInk,
    rejected,
    acceptedRight: acceptedRight / count,
  };
}
