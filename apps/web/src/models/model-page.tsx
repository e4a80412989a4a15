// One model: what it recognises, how well (metrics, confusion matrix, per-class scores) and how it
// was trained. Everything comes from the model's metadata.json and evaluation report.
import { useEffect, useMemo, useState } from 'react';
import { confusionChartSpec } from '@glyph/core/metrics';
import type { ModelSummary } from '../api/api-types';
import { formatPercent } from '../results/top-predictions';
import { loadModelDetails, type ModelDetails } from './model-details';
import { PerClassTable } from './per-class-table';
import { TrainingSummary } from './training-summary';
import { VegaChart } from './vega-chart';

interface ModelPageProps {
  readonly model: ModelSummary | undefined;
  readonly modelId: string;
  readonly onUse: (modelId: string) => void;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

export function ModelPage({ model, modelId, onUse }: ModelPageProps) {
  const [details, setDetails] = useState<ModelDetails | null>(null);
  useEffect(() => {
    let live = true;
    setDetails(null);
    if (model) void loadModelDetails(model).then((loaded) => live && setDetails(loaded));
    return () => {
      live = false;
    };
  }, [model]);
  const spec = useMemo(() => (details?.report ? confusionChartSpec(details.report) : null), [details]);

  if (!model) {
    return (
      <section className="card">
        <h2>Model “{modelId}”</h2>
        <p>This server does not serve a model called “{modelId}”.</p>
        <a href="#/models">All models</a>
      </section>
    );
  }
  const metadata = details?.metadata;
  const report = details?.report;
  const metrics = asRecord(metadata?.metrics ?? model.metrics);
  return (
    <div className="model-page">
      <section className="card" aria-labelledby="model-title">
        <div className="card-head">
          <h2 id="model-title">{model.name}</h2>
          <button type="button" className="button primary" onClick={() => onUse(model.id)}>
            Draw with this model
          </button>
        </div>
        <p className="muted">
          <code>{model.id}</code> · {model.task} model · {model.labels.length} classes · input{' '}
          {model.input.width}×{model.input.height}×{model.input.channels}
        </p>
        <div className="stat-row">
          {typeof metrics.accuracy === 'number' && (
            <Stat label="Accuracy" value={formatPercent(metrics.accuracy)} />
          )}
          {report && <Stat label="Macro F1" value={formatPercent(report.macroAverage.f1)} />}
          {report && <Stat label="Evaluated on" value={`${report.n.toLocaleString()} images`} />}
        </div>
        <p className="labels-line">
          <span className="muted">Classes:</span> {model.labels.join(' ')}
        </p>
      </section>

      <section className="card" aria-labelledby="confusion-title">
        <h2 id="confusion-title">Confusion matrix</h2>
        {!details && <p className="muted">Loading…</p>}
        {details && !report && (
          <p className="muted">
            No evaluation report is served for this model, and its metadata holds no confusion matrix.
          </p>
        )}
        {report && spec && (
          <>
            <p className="muted">{report.dataset.partition.statement}</p>
            <VegaChart
              spec={spec}
              testId="confusion-chart"
              description={`Confusion matrix of ${model.name}: rows are true classes, columns predicted classes. The per-class table below holds the same numbers.`}
            />
            {report.mostConfused.length > 0 && (
              <p>
                Most confused:{' '}
                {report.mostConfused
                  .slice(0, 5)
                  .map((pair) => `${pair.actual} → ${pair.predicted} (${pair.count})`)
                  .join(', ')}
              </p>
            )}
            <PerClassTable report={report} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="training-title">
        <h2 id="training-title">Training</h2>
        {metadata ? (
          <TrainingSummary modelId={model.id} metadata={metadata} />
        ) : (
          <p className="muted">
            {details ? 'The server does not expose metadata.json for this model.' : 'Loading…'}
          </p>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <div className="stat">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
