// The collected corrections, per model and label: what the next training run will learn from.
import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error';
import { fetchJson } from '../api/api-client';
import { groupFeedback, toListing, type FeedbackListing, type FeedbackSample } from './feedback-groups';

type Listing =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; listing: FeedbackListing };

const samplesWord = (count: number) => (count === 1 ? 'sample' : 'samples');

export function ReviewView() {
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    fetchJson<FeedbackListing | FeedbackSample[]>('/api/feedback', 'Listing feedback').then(
      (body) => live && setListing({ kind: 'ready', listing: toListing(body) }),
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
      {listing.kind === 'ready' && <Samples listing={listing.listing} />}
    </section>
  );
}

function Samples({ listing }: { readonly listing: FeedbackListing }) {
  const groups = groupFeedback(listing);
  if (groups.length === 0) return <p className="card notice">No feedback yet.</p>;
  const total = listing.total ?? groups.reduce((sum, group) => sum + group.count, 0);
  return (
    <>
      {listing.truncated && (
        <p className="muted" data-testid="review-truncated">
          Showing the newest {listing.samples.length.toLocaleString()} of {total.toLocaleString()} samples;
          the counts cover all of them.
        </p>
      )}
      {groups.map(({ model, count, labels }) => (
        <section key={model} className="card review-model" aria-label={`Feedback for ${model}`}>
          <h3>
            {model}{' '}
            <span className="muted">
              {count.toLocaleString()} {samplesWord(count)}
            </span>
          </h3>
          {labels.map(({ label, count: labelCount, samples }) => (
            <div key={label} className="review-label" data-testid="review-label">
              <h4>
                “{label}” <span className="muted">{labelCount.toLocaleString()}</span>
                {samples.length < labelCount && (
                  <span className="muted"> (newest {samples.length.toLocaleString()} shown)</span>
                )}
              </h4>
              {samples.length > 0 && (
                <ul className="review-samples">
                  {samples.map((sample) => (
                    <li key={sample.path}>
                      {sample.url ? (
                        <img
                          src={sample.url}
                          alt={`Sample labelled ${label}`}
                          title={sample.path}
                          loading="lazy"
                        />
                      ) : (
                        <code>{sample.path}</code>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
