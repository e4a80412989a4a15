// Sequence mode's "wrong?": one menu per recognised character, preset to the model's reading. Sending
// stores one sample per character on the server (its box cut out of the drawing) under the chosen label.
import { useId, useState, type FormEvent } from 'react';
import { sendSequenceFeedback } from '../api/review-api';
import type { CharacterResult } from '../recognition/recognition-types';
import { blobToDataUrl } from '../ink/rasterize-ink';

interface SequenceFeedbackFormProps {
  readonly modelId: string;
  readonly labels: readonly string[];
  readonly characters: readonly CharacterResult[];
  /** The image the characters' boxes are in pixels of. */
  readonly getImage: () => Promise<Blob>;
}

type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent'; count: number }
  | { kind: 'failed'; message: string };

export function SequenceFeedbackForm(props: SequenceFeedbackFormProps) {
  // A new reading starts from the model's answer again.
  const reading = props.characters.map((character) => character.predictions[0]?.label ?? '').join('\u0000');
  return <CorrectionForm key={`${props.modelId}|${props.characters.length}|${reading}`} {...props} />;
}

function CorrectionForm({ modelId, labels, characters, getImage }: SequenceFeedbackFormProps) {
  const id = useId();
  const [chosen, setChosen] = useState(() =>
    characters.map((character) => character.predictions[0]?.label ?? ''),
  );
  const [state, setState] = useState<SendState>({ kind: 'idle' });
  const complete = chosen.length > 0 && chosen.every((label) => labels.includes(label));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete) return;
    setState({ kind: 'sending' });
    try {
      const image = await blobToDataUrl(await getImage());
      const { samples } = await sendSequenceFeedback({
        model: modelId,
        image,
        characters: characters.map((character, index) => ({ box: character.box, label: chosen[index] })),
      });
      setState({ kind: 'sent', count: samples.length });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form className="feedback sequence-feedback" onSubmit={onSubmit} aria-label="Correct the characters">
      <fieldset>
        <legend>Wrong? Correct each character, left to right</legend>
        <ol className="sequence-feedback-characters">
          {characters.map((character, index) => (
            <li key={index}>
              <label htmlFor={`${id}-${index}`} className="visually-hidden">
                Character {index + 1}
              </label>
              <select
                id={`${id}-${index}`}
                data-testid="sequence-correction"
                value={chosen[index]}
                onChange={(event) => {
                  const next = [...chosen];
                  next[index] = event.target.value;
                  setChosen(next);
                  setState({ kind: 'idle' });
                }}
              >
                {!labels.includes(chosen[index]) && <option value="">?</option>}
                {labels.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ol>
      </fieldset>
      <button type="submit" className="button" disabled={!complete || state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Sending…' : 'Send corrections'}
      </button>
      <p className={`feedback-status ${state.kind}`} role="status">
        {state.kind === 'sent' &&
          `Saved ${state.count} ${state.count === 1 ? 'sample' : 'samples'}, one per character. Thank you.`}
        {state.kind === 'failed' && state.message}
      </p>
    </form>
  );
}
