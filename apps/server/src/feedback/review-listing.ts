import type { ModelRegistry } from '../models/model-registry';
import type { IndexedSample } from './feedback-index';
import type { FeedbackStore } from './feedback-store';
import { compare, type FeedbackSample } from './list-feedback';
import type { LossCache, SampleScore } from './loss-cache';
import { sampleIdOf } from './sample-path';

export interface ReviewQuery {
  readonly model?: string;
  readonly label?: string;
  /** Stored at or after this time. */
  readonly from?: Date;
  /** Stored before this time. */
  readonly before?: Date;
  readonly offset: number;
  readonly limit: number;
}

export interface ReviewSample extends FeedbackSample, SampleScore {
  /** Stays the same through relabel, delete and undo: the file name without `.png`. */
  readonly id: string;
  /** When it was stored, from its file name; `null` for a file named otherwise. */
  readonly createdAt: string | null;
  /** Whether the sample's model is served (only then is there a loss). */
  readonly scored: boolean;
}

export interface ReviewListing {
  /** Most suspicious first: unreadable or empty images, then by loss, highest first. */
  readonly samples: ReviewSample[];
  /** Samples matching the filters, of which `samples` is the page at `offset`. */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

/**
 * The feedback samples for the review view, each with its loss under the model it was sent for
 * (that model's recognizer on the stored image, cached in `losses`), filtered and paged; the
 * samples come from the store's index, and an image is read only when its loss is not cached.
 */
export async function listForReview(
  store: FeedbackStore,
  registry: ModelRegistry,
  losses: LossCache,
  query: ReviewQuery,
): Promise<ReviewListing> {
  const unfiltered = query.label === undefined && query.from === undefined && query.before === undefined;
  const found = (await store.samples(query.model)).filter((sample) => {
    if (query.label !== undefined && sample.label !== query.label) return false;
    if (query.from === undefined && query.before === undefined) return true;
    const time = createdAt(sample.fileName)?.getTime();
    if (time === undefined) return false;
    return (
      (query.from === undefined || time >= query.from.getTime()) &&
      (query.before === undefined || time < query.before.getTime())
    );
  });
  const byModel = new Map<string, IndexedSample[]>();
  for (const sample of found) {
    const samples = byModel.get(sample.model);
    if (samples) samples.push(sample);
    else byModel.set(sample.model, [sample]);
  }
  const served = new Map(registry.list().map((model) => [model.id, model]));
  const reviewed: ReviewSample[] = [];
  for (const [modelId, samples] of byModel) {
    const model = served.get(modelId);
    const scores: SampleScore[] = model
      ? await losses.score(
          model,
          samples.map((sample) => ({
            read: async () => (await store.read(sample.path)) ?? new Uint8Array(0),
            identity: `${modelId}/${sample.fileName}`,
            label: sample.label,
            stamp: `${sample.bytes}|${sample.mtimeMs}`,
          })),
          unfiltered,
        )
      : samples.map(() => ({ loss: null, confidence: null, guess: null }));
    samples.forEach((sample, index) => {
      reviewed.push({
        model: sample.model,
        label: sample.label,
        path: sample.path,
        url: sample.url,
        id: sampleIdOf(sample.fileName),
        createdAt: createdAt(sample.fileName)?.toISOString() ?? null,
        scored: model !== undefined,
        ...scores[index],
      });
    });
  }
  reviewed.sort((a, b) => suspicion(b) - suspicion(a) || compare(b.id, a.id) || compare(a.path, b.path));
  return {
    samples: reviewed.slice(query.offset, query.offset + query.limit),
    total: reviewed.length,
    offset: query.offset,
    limit: query.limit,
  };
}

/** Higher is more suspicious: an image with nothing to read, then a high loss; unscored last. */
function suspicion(sample: ReviewSample): number {
  if (!sample.scored) return -Infinity;
  if (sample.note === 'empty' || sample.note === 'unreadable') return Number.MAX_VALUE;
  return sample.loss ?? -Number.MAX_VALUE;
}

const storedName = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/;

/** The time in a stored file name (`20250131T235959123Z-….png`). */
export function createdAt(fileName: string): Date | null {
  const match = storedName.exec(fileName);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds, ms] = match;
  const date = new Date(`${year}-${month}-${day}T${hours}:${minutes}:${seconds}.${ms}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
