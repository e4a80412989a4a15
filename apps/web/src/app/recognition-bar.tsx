// The controls shared by Draw and Upload: which model, and where it runs.
import type { ModelSummary } from '../api/api-types';
import { Segmented } from '../controls/segmented';
import { ModelPicker } from '../models/model-picker';
import type { RecognitionSite } from '../recognition/recognition-types';
import type { RecognitionState } from '../recognition/use-recognition';

interface RecognitionBarProps {
  readonly models: readonly ModelSummary[];
  readonly modelId: string | null;
  readonly site: RecognitionSite;
  readonly recognition: RecognitionState;
  readonly onModel: (modelId: string) => void;
  readonly onSite: (site: RecognitionSite) => void;
}

function statusText(state: RecognitionState): string {
  if (state.status === 'loading') return 'Loading the model into this browser…';
  if (state.status === 'fallback')
    return `Using the server: the in-browser engine is unavailable (${state.problem}).`;
  return state.service?.description ?? '';
}

export function RecognitionBar(props: RecognitionBarProps) {
  const { recognition } = props;
  return (
    <div className="recognition-bar">
      <ModelPicker models={props.models} value={props.modelId} onChange={props.onModel} />
      <Segmented
        legend="Run the model"
        value={props.site}
        options={[
          { value: 'browser', title: 'In browser' },
          { value: 'server', title: 'On server' },
        ]}
        onChange={props.onSite}
      />
      <p
        className={`recognition-status ${recognition.status}`}
        data-testid="engine-status"
        data-status={recognition.status}
        role="status"
      >
        {statusText(recognition)}
      </p>
    </div>
  );
}
