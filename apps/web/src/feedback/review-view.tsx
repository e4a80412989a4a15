// The collected corrections, per model and label: what the next training run will learn from.
import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error';
import { fetchJson } from '../api/api-client';

export interface FeedbackSample {
  readonly model: string;
  readonly label: string;
  /** `<model>/<label folder>/<file>.png`, relative to the feedback directory. */
  readonly path: string;
  /** Where the PNG can be fetched, when the server serves it. */
  readonly url?: string;
}

type Listing =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; samples: readonly FeedbackSample[] };

function groupSamples(samples: readonly FeedbackSample[]): Map<string, Map<string, FeedbackSample[]>> {
  const byModel = new Map<string, Map<string, FeedbackSample[]>>();
  for (const sample of samples) {
    const byLabel = byModel.get(sample.model) ?? new Map<string, FeedbackSample[]>();
    byLabel.set(sample.label, [...(byLabel.get(sample.label) ?? []), sample]);
    byModel.set(sample.model, byLabel);
  }
  return byModel;
}

export function ReviewView() {
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    fetchJson<{ samples?: FeedbackSample[] } | FeedbackSample[]>('/api/feedback', 'Listing feedback').then(
      (body) =>
        live && setListing({ kind: 'ready', samples: Array.isArray(body) ? body : (body.samples ?? []) }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 404) setListing({ kind: 'missing' });
        else setListing({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title" className="page-title">
        Feedback
      </h2>
      <p className="muted">
        Corrections sent with “Wrong? It was …” are stored on the server as{' '}
        <code>&lt;model&gt;/&lt;label&gt;/*.png</code>, a folder dataset for <code>glyph train</code>.
      </p>
      {listing.kind === 'loading' && <p>Loading…</p>}
      {listing.kind === 'missing' && (
        <p className="card notice">
          This server does not list feedback (no <code>GET /api/feedback</code>). The samples are in its
          feedback directory.
        </p>
      )}
      {listing.kind === 'failed' && <p className="card notice error-text">{listing.message}</p>}
      {listing.kind === 'ready' && listing.samples.length === 0 && (
        <p className="card notice">No feedback yet.</p>
      )}
      {listing.kind === 'ready' &&
        [...groupSamples(listing.samples)].map(([model, byLabel]) => (
          <section key={model} className="card review-model" aria-label={`Feedback for ${model}`}>
            <h3>{model}</h3>
            {[...byLabel].map(([label, samples]) => (
              <div key={label} className="review-label" data-testid="review-label">
                <h4>
                  “{label}” <span className="muted">{samples.length}</span>
                </h4>
                <ul className="review-samples">
                  {samples.map((sample) => (
                    <li key={sample.path}>
                      {sample.url ? (
                        <img src={sample.url} alt={`Sample labelled ${label}`} />
                      ) : (
                        <code>{sample.path}</code>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
    </section>
  );
}
