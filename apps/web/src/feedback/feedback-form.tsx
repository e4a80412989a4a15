// "Wrong? It was …": saves the image with the right label on the server, where it becomes part of
// a `folder:` dataset for the next training run.
import { useId, useState, type FormEvent } from 'react';
import { sendFeedback } from '../api/api-client';
import { blobToDataUrl } from '../ink/rasterize-ink';

interface FeedbackFormProps {
  readonly modelId: string;
  readonly labels: readonly string[];
  readonly getImage: () => Promise<Blob>;
  readonly disabled?: boolean;
}

type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent'; label: string }
  | { kind: 'failed'; message: string };

export function FeedbackForm({ modelId, labels, getImage, disabled = false }: FeedbackFormProps) {
  const id = useId();
  const [label, setLabel] = useState('');
  const [state, setState] = useState<SendState>({ kind: 'idle' });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!label) return;
    setState({ kind: 'sending' });
    try {
      const image = await blobToDataUrl(await getImage());
      await sendFeedback({ model: modelId, label, image });
      setState({ kind: 'sent', label });
      setLabel('');
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form className="feedback" onSubmit={onSubmit} aria-label="Correct the prediction">
      <label htmlFor={`${id}-label`}>Wrong? It was</label>
      <select
        id={`${id}-label`}
        value={label}
        disabled={disabled}
        onChange={(event) => {
          setLabel(event.target.value);
          setState({ kind: 'idle' });
        }}
      >
        <option value="">choose…</option>
        {labels.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <button type="submit" className="button" disabled={disabled || !label || state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Sending…' : 'Send'}
      </button>
      <p className={`feedback-status ${state.kind}`} role="status">
        {state.kind === 'sent' && `Saved as “${state.label}”. Thank you — it will help the next model.`}
        {state.kind === 'failed' && state.message}
      </p>
    </form>
  );
}
