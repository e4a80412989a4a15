// The samples of the review view, one row each: image, label, the model's reading, loss, actions.
import { useEffect, useRef } from 'react';
import type { ReviewSample } from '../api/review-api';
import { formatPercent } from '../results/top-predictions';
import { useAuthedImageUrl } from '../api/use-authed-image';

interface ReviewListProps {
  readonly samples: readonly ReviewSample[];
  readonly selected: number;
  readonly onSelect: (index: number) => void;
  /** Labels of a sample's model, for "Relabel as"; none for a read-only listing. */
  readonly labelsOf: (sample: ReviewSample) => readonly string[];
  readonly onRelabel?: (sample: ReviewSample, label: string) => void;
  readonly onDelete?: (sample: ReviewSample) => void;
  readonly busy: boolean;
}

const noteText: Record<NonNullable<ReviewSample['note']>, string> = {
  empty: 'no ink found',
  unreadable: 'not a readable image',
  'unknown-label': 'label unknown to the model',
};

export function reading(sample: ReviewSample): string {
  if (sample.note === 'empty' || sample.note === 'unreadable') return noteText[sample.note];
  if (!sample.guess) return sample.scored === false ? 'model not served' : '—';
  return `${sample.guess.label} (${formatPercent(sample.guess.confidence)})`;
}

export function ReviewList({
  samples,
  selected,
  onSelect,
  labelsOf,
  onRelabel,
  onDelete,
  busy,
}: ReviewListProps) {
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  useEffect(() => {
    rows.current[selected]?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <ol className="review-list" aria-label="Samples, most suspicious first">
      {samples.map((sample, index) => {
        const current = index === selected;
        const labels = labelsOf(sample);
        return (
          <li
            key={sample.path}
            ref={(row) => {
              rows.current[index] = row;
            }}
            className={current ? 'review-row selected' : 'review-row'}
            aria-current={current ? 'true' : undefined}
            data-testid="review-row"
            data-path={sample.path}
            data-label={sample.label}
            onClick={() => onSelect(index)}
          >
            <SampleImage url={sample.url} label={sample.label} />
            <div className="review-facts">
              <span className="review-label-text">
                Label <strong>“{sample.label}”</strong>
                {sample.model && <span className="muted"> · {sample.model}</span>}
              </span>
              <span>
                Model reads <strong data-testid="review-guess">{reading(sample)}</strong>
              </span>
              <span className="muted" data-testid="review-loss">
                {sample.loss === null ? 'loss —' : `loss ${sample.loss.toFixed(2)}`}
                {sample.confidence !== null && ` · p(label) ${formatPercent(sample.confidence)}`}
                {sample.createdAt && ` · ${new Date(sample.createdAt).toLocaleString()}`}
              </span>
            </div>
            {onRelabel && onDelete && (
              <div className="review-actions">
                <select
                  aria-label={`Relabel sample ${index + 1} as`}
                  value=""
                  disabled={busy || labels.length === 0}
                  onChange={(event) => event.target.value && onRelabel(sample, event.target.value)}
                >
                  <option value="">Relabel as…</option>
                  {labels
                    .filter((label) => label !== sample.label)
                    .map((label) => (
                      <option key={label} value={label}>
                        {label}
                      </option>
                    ))}
                </select>
                <button
                  type="button"
                  className="button quiet"
                  disabled={busy}
                  aria-label={`Delete sample ${index + 1}`}
                  onClick={() => onDelete(sample)}
                >
                  Delete
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function SampleImage({ url, label }: { readonly url: string; readonly label: string }) {
  const src = useAuthedImageUrl(url);
  return src ? (
    <img src={src} alt={`Sample labelled ${label}`} width={56} height={56} loading="lazy" />
  ) : null;
}
