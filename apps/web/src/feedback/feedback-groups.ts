// The answer of GET /api/feedback, grouped per model and label for the review view.

export interface FeedbackSample {
  readonly model: string;
  readonly label: string;
  /** `<model>/<label folder>/<file>.png`, relative to the feedback directory. */
  readonly path: string;
  /** Where the PNG can be fetched, when the server serves it. */
  readonly url?: string;
}

export interface FeedbackCount {
  readonly model: string;
  readonly label: string;
  readonly count: number;
}

/** `GET /api/feedback`; older servers answered a bare array of samples. */
export interface FeedbackListing {
  /** Newest first; with `truncated`, only the newest. */
  readonly samples: readonly FeedbackSample[];
  /** Every model and label with its full count, also beyond the samples listed. */
  readonly counts?: readonly FeedbackCount[];
  readonly total?: number;
  readonly truncated?: boolean;
}

export interface LabelGroup {
  readonly label: string;
  /** All stored samples of the label, which may be more than `samples`. */
  readonly count: number;
  readonly samples: readonly FeedbackSample[];
}

export interface ModelGroup {
  readonly model: string;
  readonly count: number;
  readonly labels: readonly LabelGroup[];
}

export function toListing(body: FeedbackListing | readonly FeedbackSample[]): FeedbackListing {
  return Array.isArray(body) ? { samples: body } : (body as FeedbackListing);
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Samples per model and label, models and labels in order, samples newest first. With `counts`,
 * every counted label appears with its full count even when none of its samples were listed.
 */
export function groupFeedback(listing: FeedbackListing): ModelGroup[] {
  const counts: FeedbackCount[] = [...(listing.counts ?? [])];
  const key = (model: string, label: string) => JSON.stringify([model, label]);
  const samplesByKey = new Map<string, FeedbackSample[]>();
  for (const sample of listing.samples) {
    const samples = samplesByKey.get(key(sample.model, sample.label));
    if (samples) samples.push(sample);
    else samplesByKey.set(key(sample.model, sample.label), [sample]);
  }
  const counted = new Set(counts.map((count) => key(count.model, count.label)));
  for (const [sampleKey, samples] of samplesByKey) {
    if (!counted.has(sampleKey)) counts.push({ ...samples[0], count: samples.length });
  }
  counts.sort((a, b) => byCodeUnits(a.model, b.model) || byCodeUnits(a.label, b.label));

  const models = new Map<string, LabelGroup[]>();
  for (const { model, label, count } of counts) {
    const labels = models.get(model) ?? [];
    labels.push({ label, count, samples: samplesByKey.get(key(model, label)) ?? [] });
    models.set(model, labels);
  }
  return [...models].map(([model, labels]) => ({
    model,
    count: labels.reduce((sum, group) => sum + group.count, 0),
    labels,
  }));
}
