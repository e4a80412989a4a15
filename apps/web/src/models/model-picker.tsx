import { useId } from 'react';
import type { ModelSummary } from '../api/api-types';
import { standardModelIds } from './model-labels';

interface ModelPickerProps {
  readonly models: readonly ModelSummary[];
  readonly value: string | null;
  readonly onChange: (modelId: string) => void;
}

/** Served models first; standard models this server lacks are listed, disabled, so users know they exist. */
export function ModelPicker({ models, value, onChange }: ModelPickerProps) {
  const id = useId();
  const missing = standardModelIds.filter((standard) => !models.some((model) => model.id === standard));
  return (
    <div className="field model-picker">
      <label htmlFor={id}>Model</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        data-testid="model-picker"
      >
        {models.length === 0 && <option value="">No models served</option>}
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {model.name}
          </option>
        ))}
        {missing.map((modelId) => (
          <option key={modelId} value={modelId} disabled>
            {modelId} (not installed)
          </option>
        ))}
      </select>
    </div>
  );
}
