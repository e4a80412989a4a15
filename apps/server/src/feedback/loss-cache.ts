import { lstat, readFile } from 'node:fs/promises';
import { isGlyphError } from '@glyph/core';
import type { RawImage } from '@glyph/core/image';
import type { Prediction } from '@glyph/core/recognize';
import type { ServedModel } from '../models/model-registry';

/**
 * An image to score: a file (`absolutePath`) or bytes read from a feedback store (`read`, with a
 * `stamp`), which label it claims, and what names it across moves.
 */
export interface ScoreItem {
  readonly absolutePath?: string;
  readonly read?: () => Promise<Uint8Array>;
  /** Stays the same when the file is relabelled (e.g. its file name); size and time are added. */
  readonly identity: string;
  readonly label: string;
  /** The image's size and time when the caller knows them (`size|mtimeMs`): no `lstat`; needed with `read`. */
  readonly stamp?: string;
}

/** Why a sample has no loss; absent when it has one. */
export type ScoreNote = 'empty' | 'unreadable' | 'unknown-label';

export interface SampleScore {
  /** Cross-entropy of the sample's label, `-ln p(label)`; `null` with a `note`. */
  readonly loss: number | null;
  /** The model's (calibrated) probability of the sample's label. */
  readonly confidence: number | null;
  /** The model's top answer. */
  readonly guess: Prediction | null;
  readonly note?: ScoreNote;
}

type Probabilities = { readonly values: Float32Array } | { readonly note: 'empty' | 'unreadable' };

/** Probabilities this small count as this small, so one certain mistake does not read as infinite. */
const minProbability = 1e-7;

/**
 * Each file's class probabilities under a model, computed once per (model instance, file identity,
 * size, modification time) and kept in memory, so listing again recomputes only what changed. The
 * whole probability row is kept, not the loss: a relabel changes the label, not the image, and
 * needs no new forward pass. Work goes through the model's micro-batcher, beside live predictions.
 */
export class LossCache {
  private readonly byRecognizer = new WeakMap<object, Map<string, Promise<Probabilities>>>();

  constructor(
    private readonly decode: (bytes: Uint8Array) => Promise<RawImage>,
    private readonly chunkSize: number,
  ) {}

  /** Scores, aligned with `items`. With `complete`, entries for files not in `items` are dropped. */
  async score(model: ServedModel, items: readonly ScoreItem[], complete = false): Promise<SampleScore[]> {
    const cache = this.cacheOf(model);
    const keys = await Promise.all(items.map((item) => keyOf(item)));
    const missing = items.flatMap((item, index) => {
      const key = keys[index];
      return key === null || cache.has(key) ? [] : [{ item, key }];
    });
    for (let start = 0; start < missing.length; start += this.chunkSize) {
      const chunk = missing.slice(start, start + this.chunkSize);
      const computed = chunk.map(({ item }) => this.probabilities(model, item));
      chunk.forEach(({ key }, index) => {
        cache.set(key, computed[index]);
        // A refused forward pass (queue full, shutting down) is not an answer to keep.
        computed[index].catch(() => cache.delete(key));
      });
      // One chunk in flight at a time keeps the model's queue free for live predictions.
      await Promise.all(computed);
    }
    if (complete) {
      const seen = new Set(keys);
      for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key);
    }
    const labels = model.recognizer.metadata.labels;
    return Promise.all(
      items.map(async (item, index) => {
        const key = keys[index];
        const probabilities: Probabilities = key === null ? { note: 'unreadable' } : await cache.get(key)!;
        return scoreOf(probabilities, labels, item.label);
      }),
    );
  }

  private cacheOf(model: ServedModel): Map<string, Promise<Probabilities>> {
    let cache = this.byRecognizer.get(model.recognizer);
    if (!cache) {
      cache = new Map();
      this.byRecognizer.set(model.recognizer, cache);
    }
    return cache;
  }

  private async probabilities(model: ServedModel, item: ScoreItem): Promise<Probabilities> {
    let image: RawImage;
    try {
      image = await this.decode(await (item.read ? item.read() : readFile(item.absolutePath!)));
    } catch (error) {
      // A store that cannot be reached now is not an unreadable image: not cached, asked again.
      if (isGlyphError(error) && error.code === 'FEEDBACK_STORE_UNAVAILABLE') throw error;
      return { note: 'unreadable' };
    }
    const labels = model.recognizer.metadata.labels;
    const recognition = await model.batcher.submit({ image, top: labels.length, debug: false });
    if (recognition.empty || recognition.predictions.length === 0) return { note: 'empty' };
    const values = new Float32Array(labels.length);
    for (const prediction of recognition.predictions) {
      values[labels.indexOf(prediction.label)] = prediction.confidence;
    }
    return { values };
  }
}

async function keyOf(item: ScoreItem): Promise<string | null> {
  if (item.stamp !== undefined) return `${item.identity}|${item.stamp}`;
  if (item.absolutePath === undefined) return null;
  const info = await lstat(item.absolutePath).catch(() => null);
  return info?.isFile() ? `${item.identity}|${info.size}|${info.mtimeMs}` : null;
}

function scoreOf(probabilities: Probabilities, labels: readonly string[], label: string): SampleScore {
  if ('note' in probabilities) {
    return { loss: null, confidence: null, guess: null, note: probabilities.note };
  }
  const { values } = probabilities;
  let best = 0;
  for (let index = 1; index < values.length; index += 1) if (values[index] > values[best]) best = index;
  const guess = { label: labels[best], confidence: values[best] };
  const index = labels.indexOf(label);
  if (index < 0) return { loss: null, confidence: null, guess, note: 'unknown-label' };
  const confidence = values[index];
  return { loss: -Math.log(Math.max(confidence, minProbability)), confidence, guess };
}
