import path from 'node:path';
import { trashDirName } from './feedback-editor';
import { sampleUrl } from './feedback-layout';
import { compare, type FeedbackCount, type FeedbackListing, type FoundSample } from './list-feedback';
import { SampleTree, type TreeSample } from './sample-tree';

/** A listed sample with what the index knows of its file (for cache keys, without an `lstat`). */
export interface IndexedSample extends FoundSample {
  readonly bytes: number;
  readonly mtimeMs: number;
}

interface ModelSamples {
  /** Oldest first (file names start with the time), so a new sample is appended. */
  readonly sorted: TreeSample[];
  readonly counts: Map<string, number>;
  bytes: number;
  trashBytes: number;
}

/**
 * The feedback directory's samples in memory, for listings and the disk quota: read from the
 * folder at start, kept in step by the store's writes (at once) and by `sync`, which re-reads only
 * folders whose mtime changed (relabel, delete and undo move files by rename; people may add or
 * remove files by hand). A listing costs the number of folders plus the page it returns, not the
 * number of samples. The trash (`.trash/`, deleted samples kept for undo) counts towards a model's
 * disk use.
 */
export class FeedbackIndex {
  private readonly models = new Map<string, ModelSamples>();
  private readonly live: SampleTree;
  private readonly trash: SampleTree;
  private firstSync: Promise<void> | null = null;

  constructor(private readonly rootDir: string) {
    this.live = new SampleTree(rootDir, {
      added: (sample) => this.addLive(sample),
      removed: (sample) => this.removeLive(sample),
    });
    this.trash = new SampleTree(path.join(rootDir, trashDirName), {
      added: (sample) => (this.modelOf(sample.model).trashBytes += sample.bytes),
      removed: (sample) => (this.modelOf(sample.model).trashBytes -= sample.bytes),
    });
  }

  /** The first full read of the folder (started at most once; retried after a failure). */
  loaded(): Promise<void> {
    this.firstSync ??= this.sync().catch((error: unknown) => {
      this.firstSync = null;
      throw error;
    });
    return this.firstSync;
  }

  /** In step with the disk (samples and trash). */
  async sync(): Promise<void> {
    await Promise.all([this.live.sync(), this.trash.sync()]);
  }

  /** A sample the store has just written (its folder is read again at the next `sync` anyway). */
  noteStored(sample: Omit<TreeSample, 'fileName'>): void {
    this.live.noteAdded({ ...sample, fileName: sample.path.split('/')[2] });
  }

  /** Bytes of the model's samples and its trash, as of the last sync and the writes since. */
  bytesOf(model: string): number {
    const samples = this.models.get(model);
    return samples ? samples.bytes + samples.trashBytes : 0;
  }

  /** Newest first, at most `limit`, with counts per (model, label) over all. */
  async list(options: { model?: string; limit: number }): Promise<FeedbackListing> {
    await this.sync();
    const chosen = [...this.models.entries()].filter(
      ([model, samples]) =>
        samples.sorted.length > 0 && (options.model === undefined || model === options.model),
    );
    const total = chosen.reduce((sum, [, samples]) => sum + samples.sorted.length, 0);
    const counts: FeedbackCount[] = chosen.flatMap(([model, samples]) =>
      [...samples.counts].map(([label, count]) => ({ model, label, count })),
    );
    counts.sort((a, b) => compare(a.model, b.model) || compare(a.label, b.label));
    const samples = newestOf(
      chosen.map(([, entry]) => entry.sorted),
      options.limit,
    ).map(({ model, label, path: relativePath }) => ({
      model,
      label,
      path: relativePath,
      url: sampleUrl(relativePath),
    }));
    return { samples, counts, total, truncated: total > samples.length };
  }

  /** Every sample (of one model, if given), in no set order; for the review listing. */
  async samples(model?: string): Promise<IndexedSample[]> {
    await this.sync();
    const chosen =
      model === undefined ? [...this.models.values()] : [this.models.get(model)].filter((entry) => !!entry);
    return chosen.flatMap((entry) =>
      entry.sorted.map((sample) => ({ ...sample, url: sampleUrl(sample.path) })),
    );
  }

  private modelOf(model: string): ModelSamples {
    let samples = this.models.get(model);
    if (!samples) {
      samples = { sorted: [], counts: new Map(), bytes: 0, trashBytes: 0 };
      this.models.set(model, samples);
    }
    return samples;
  }

  private addLive(sample: TreeSample): void {
    const entry = this.modelOf(sample.model);
    entry.sorted.splice(insertionIndex(entry.sorted, sample), 0, sample);
    entry.counts.set(sample.label, (entry.counts.get(sample.label) ?? 0) + 1);
    entry.bytes += sample.bytes;
  }

  private removeLive(sample: TreeSample): void {
    const entry = this.modelOf(sample.model);
    const index = insertionIndex(entry.sorted, sample) - 1;
    if (entry.sorted[index] !== sample) return;
    entry.sorted.splice(index, 1);
    const count = (entry.counts.get(sample.label) ?? 1) - 1;
    if (count > 0) entry.counts.set(sample.label, count);
    else entry.counts.delete(sample.label);
    entry.bytes -= sample.bytes;
  }
}

/**
 * Listing order, oldest first: by file name (its time), then by path, reversed so that reading from
 * the end gives the order `GET /api/feedback` has always had (newest name first, then path).
 */
function order(a: TreeSample, b: TreeSample): number {
  return compare(a.fileName, b.fileName) || compare(b.path, a.path);
}

/** Where `sample` goes in `sorted`: after every entry that sorts at or before it. */
function insertionIndex(sorted: readonly TreeSample[], sample: TreeSample): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(sorted[middle], sample) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The `limit` newest across several oldest-first lists: a merge from their ends. */
function newestOf(lists: readonly (readonly TreeSample[])[], limit: number): TreeSample[] {
  const next = lists.map((list) => list.length - 1);
  const picked: TreeSample[] = [];
  while (picked.length < limit) {
    let best = -1;
    for (let index = 0; index < lists.length; index += 1) {
      if (next[index] < 0) continue;
      if (best < 0 || order(lists[index][next[index]], lists[best][next[best]]) > 0) best = index;
    }
    if (best < 0) break;
    picked.push(lists[best][next[best]]);
    next[best] -= 1;
  }
  return picked;
}
