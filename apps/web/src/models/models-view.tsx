import type { ModelSummary } from '../api/api-types';
import { routeHref } from '../app/route';
import { backendChoices, type BackendChoice } from '../engine/backend-choice';
import { formatPercent } from '../results/top-predictions';
import { standardModelIds } from './model-labels';
import { ApiKeyField } from './api-key-field';

interface ModelsViewProps {
  readonly models: readonly ModelSummary[];
  readonly selectedId: string | null;
  readonly onUse: (modelId: string) => void;
  readonly backend: BackendChoice;
  readonly onBackend: (backend: BackendChoice) => void;
}

export function ModelsView({ models, selectedId, onUse, backend, onBackend }: ModelsViewProps) {
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
            <li
              key={model.id}
              className={model.id === selectedId ? 'card model-card selected' : 'card model-card'}
            >
              <h3>
                <a href={routeHref({ view: 'model', modelId: model.id })}>{model.name}</a>
              </h3>
              <p className="muted">
                <code>{model.id}</code> · {model.labels.length} classes
              </p>
              <p className="model-card-labels">
                {model.labels.slice(0, 26).join(' ')}
                {model.labels.length > 26 ? ' …' : ''}
              </p>
              {typeof accuracy === 'number' && (
                <p className="model-card-accuracy">
                  <strong>{formatPercent(accuracy)}</strong> accuracy
                </p>
              )}
              <button
                type="button"
                className="button"
                onClick={() => onUse(model.id)}
                aria-pressed={model.id === selectedId}
              >
                {model.id === selectedId ? 'In use' : `Use ${model.name}`}
              </button>
            </li>
          );
        })}
        {missing.map((id) => (
          <li key={id} className="card model-card missing">
            <h3>{id}</h3>
            <p className="muted">Not installed on this server.</p>
            <p className="muted">
              Train it with <code>glyph train</code> into <code>models/{id}</code>; see docs/models.md.
            </p>
          </li>
        ))}
      </ul>
      <section className="card settings-card" aria-labelledby="backend-settings-title">
        <h2 id="backend-settings-title">In-browser engine</h2>
        <p className="muted">
          “In browser” runs the model with TensorFlow.js on this device. Automatic picks WebGPU or WebGL on a
          real GPU, else WebAssembly (usually the fastest choice for these small models on a CPU).
        </p>
        <div className="field">
          <label htmlFor="backend-choice">Backend</label>
          <select
            id="backend-choice"
            value={backend}
            onChange={(event) => onBackend(event.target.value as BackendChoice)}
          >
            {backendChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.title}
              </option>
            ))}
          </select>
        </div>
      </section>
      <ApiKeyField />
    </section>
  );
}
