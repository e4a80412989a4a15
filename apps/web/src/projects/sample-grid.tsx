// A project's samples by label: thumbnails, counts, and a delete button on each.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Sample } from './project-types';

function Thumb({ sample, onDelete }: { readonly sample: Sample; readonly onDelete: () => void }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const objectUrl = URL.createObjectURL(sample.png);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [sample.png]);
  return (
    <li className="sample-thumb">
      {url && <img src={url} alt={`Sample of ${sample.label}`} width={48} height={48} />}
      <button
        type="button"
        className="icon-button"
        onClick={onDelete}
        aria-label={`Delete this sample of ${sample.label}`}
      >
        ×
      </button>
    </li>
  );
}

export function SampleGrid({
  labels,
  samples,
  onDelete,
  children,
}: {
  readonly labels: readonly string[];
  readonly samples: readonly Sample[];
  readonly onDelete: (sampleId: string) => void;
  /** Actions shown under the title (e.g. importing feedback). */
  readonly children?: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby="samples-title" data-testid="sample-grid">
      <h2 id="samples-title">Samples ({samples.length})</h2>
      {children}
      {labels.map((label) => {
        const ofLabel = samples.filter((sample) => sample.label === label);
        return (
          <div key={label} className="sample-row" data-label={label} data-count={ofLabel.length}>
            <h3>
              {label} <span className="muted">· {ofLabel.length}</span>
            </h3>
            {ofLabel.length === 0 ? (
              <p className="muted">No samples yet.</p>
            ) : (
              <ul className="sample-thumbs">
                {ofLabel.map((sample) => (
                  <Thumb key={sample.id} sample={sample} onDelete={() => onDelete(sample.id)} />
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}
