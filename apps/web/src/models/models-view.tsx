import type { ModelSummary } from '../api/api-types';
import { routeHref } from '../app/route';
import { formatPercent } from '../results/top-predictions';
import { standardModelIds } from './model-labels';

interface ModelsViewProps {
  readonly models: readonly ModelSummary[];
  readonly selectedId: string | null;
  readonly onUse: (modelId: string) => void;
}

export function ModelsView({ models, selectedId, onUse }: ModelsViewProps) {
  const missing = standardModelIds.filter((id) => !models.some((model) => model.id === id));
  return (
    <section aria-labelledby="models-title">
      <h2 id="models-title" className="page-title">
        Models
      </h2>
      <ul className="model-grid">
        {models.map((model) => {
          const accuracy = model.metrics.accuracy;
          return (
            <li key={model.id} className={model.id === selectedId ? 'card model-card selected' : 'card model-card'}>
              <h3>
                <a href={routeHref({ view: 'model', modelId: model.id })}>{model.name}</a>
              </h3>
              <p className="muted">
                <code>{model.id}</code> · {model.labels.length} classes
              </p>
              <p className="model-card-labels">{model.labels.slice(0, 26).join(' ')}{model.labels.length > 26 ? ' …' : ''}</p>
              {typeof accuracy === 'number' && (
                <p className="model-card-accuracy">
                  <strong>{formatPercent(accuracy)}</strong> accuracy
                </p>
              )}
              <button type="button" className="button" onClick={() => onUse(model.id)} aria-pressed={model.id === selectedId}>
                {model.id === selectedId ? 'In use' : `Use ${model.name}`}
              </button>
            </li>
          );
        })}
      </ul>
      {missing.length > 0 && (
        <p className="muted">
          Not installed on this server: {missing.join(', ')}. Train one with <code>glyph train</code> and put it under{' '}
          <code>models/</code>.
        </p>
      )}
    </section>
  );
}
