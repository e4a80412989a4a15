// The controls shared by Draw and Upload: which model, and where it runs.
import type { ModelSummary } from '../api/api-types';
import { Segmented } from '../controls/segmented';
import type { EngineKind } from '../engine/engine-types';
import type { EngineState } from '../engine/use-engine';
import { ModelPicker } from '../models/model-picker';

interface EngineBarProps {
  readonly models: readonly ModelSummary[];
  readonly modelId: string | null;
  readonly engineKind: EngineKind;
  readonly engineState: EngineState;
  readonly onModel: (modelId: string) => void;
  readonly onEngine: (engine: EngineKind) => void;
}

function statusText(state: EngineState): string {
  if (state.status === 'loading') return 'Loading the model into this browser…';
  if (state.status === 'fallback')
    return `Using the server: the in-browser engine is unavailable (${state.problem}).`;
  return state.engine?.description ?? '';
}

export function EngineBar(props: EngineBarProps) {
  const { engineState } = props;
  return (
    <div className="engine-bar">
      <ModelPicker models={props.models} value={props.modelId} onChange={props.onModel} />
      <Segmented
        legend="Run the model"
        value={props.engineKind}
        options={[
          { value: 'browser', title: 'In browser' },
          { value: 'server', title: 'On server' },
        ]}
        onChange={props.onEngine}
      />
      <p
        className={`engine-status ${engineState.status}`}
        data-testid="engine-status"
        data-status={engineState.status}
        role="status"
      >
        {statusText(engineState)}
      </p>
    </div>
  );
}
