import type { ModelSummary } from '../api/api-types';
import { FeedbackForm } from '../feedback/feedback-form';
import { describeAnswer } from '../results/answer-status';
import { AnswerView } from '../results/answer-view';
import { CharacterBoxes } from '../results/character-boxes';
import { ModelInputPreview } from '../results/model-input-preview';
import { TopPredictions } from '../results/top-predictions';
import type { UploadItem } from './use-upload-items';

interface UploadCardProps {
  readonly item: UploadItem;
  readonly model: ModelSummary | null;
  readonly current: boolean;
  readonly onRemove: () => void;
}

export function UploadCard({ item, model, current, onRemove }: UploadCardProps) {
  const result = item.result;
  const answer = describeAnswer(result, item.error, { idleHint: 'Reading…', loading: true });
  const width = item.imageData?.width ?? 0;
  const height = item.imageData?.height ?? 0;
  return (
    <li
      className="card upload-card"
      data-testid="upload-card"
      data-done={String(current || item.error !== null)}
    >
      <div className="upload-card-head">
        <h3 title={item.name}>{item.name}</h3>
        <button type="button" className="button quiet" onClick={onRemove} aria-label={`Remove ${item.name}`}>
          ✕
        </button>
      </div>
      <div className="upload-image-frame">
        <div className="upload-image">
          <img src={item.url} alt={`Uploaded image ${item.name}`} />
          {result?.characters && (
            <CharacterBoxes characters={result.characters} imageWidth={width} imageHeight={height} />
          )}
        </div>
      </div>
      <div className="upload-answer">
        <AnswerView answer={answer} size="small" />
        {result?.modelInput && <ModelInputPreview image={result.modelInput} size="small" />}
      </div>
      <TopPredictions
        predictions={result?.predictions ?? []}
        rejected={answer.status === 'not-a-character'}
        compact
      />
      {model && !result?.characters && (
        <FeedbackForm
          modelId={model.id}
          labels={model.labels}
          disabled={!item.imageData}
          getImage={() => Promise.resolve(item.file)}
        />
      )}
    </li>
  );
}
