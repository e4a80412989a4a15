// How the project's model did on samples it never trained on: accuracy, per-class figures and the
// confusion matrix as a table (rows: what was drawn, columns: what the model read).
import type { EvaluationReport } from '@glyph/core/metrics';
import { PerClassTable } from '../models/per-class-table';
import { formatPercent } from '../results/top-predictions';
import type { StoredModel } from './project-types';

function ConfusionTable({ report }: { readonly report: EvaluationReport }) {
  return (
    <div className="table-scroll">
      <table className="confusion" data-testid="confusion">
        <caption>Confusion matrix: rows are what was drawn, columns what the model read.</caption>
        <thead>
          <tr>
            <td />
            {report.labels.map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.confusion.map((row, truth) => (
            <tr key={report.labels[truth]}>
              <th scope="row">{report.labels[truth]}</th>
              {row.map((count, predicted) => (
                <td
                  key={report.labels[predicted]}
                  className={count > 0 && truth !== predicted ? 'confused' : undefined}
                >
                  {count}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProjectReport({
  model,
  sampleCount,
}: {
  readonly model: StoredModel;
  readonly sampleCount: number;
}) {
  const { report } = model;
  const stale = sampleCount !== model.sampleCount;
  return (
    <section className="card" aria-labelledby="report-title" data-testid="project-report">
      <h2 id="report-title">How it did</h2>
      {report ? (
        <>
          <p>
            <strong data-testid="holdout-accuracy">{formatPercent(report.accuracy)}</strong> of {report.n}{' '}
            held-out samples read right (samples kept out of training to check it).
          </p>
          <ConfusionTable report={report} />
          <PerClassTable report={report} />
        </>
      ) : (
        <p className="muted">No held-out samples: every sample went into training.</p>
      )}
      <p className="muted">
        Trained {new Date(model.trainedAt).toLocaleString()} on {model.sampleCount} samples in{' '}
        {model.seconds.toFixed(1)} s.
        {stale && ' Samples changed since: train again to include them.'}
      </p>
    </section>
  );
}
