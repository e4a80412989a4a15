import type { EvaluationReport } from '@glyph/core/metrics';
import { formatPercent } from '../results/top-predictions';

/** The numbers behind the chart, as a table a screen reader can walk. */
export function PerClassTable({ report }: { readonly report: EvaluationReport }) {
  return (
    <details className="per-class">
      <summary>Per-class precision, recall and F1</summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Precision</th>
              <th scope="col">Recall</th>
              <th scope="col">F1</th>
              <th scope="col">Support</th>
            </tr>
          </thead>
          <tbody>
            {report.perClass.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{formatPercent(row.precision)}</td>
                <td>{formatPercent(row.recall)}</td>
                <td>{formatPercent(row.f1)}</td>
                <td>{row.support.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
