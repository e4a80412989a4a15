// One character or a sequence; for models that know digits and letters, which a sequence holds.
import { useId } from 'react';
import type { Charset } from '@glyph/core/recognize';
import type { ModelSummary } from '../api/api-types';
import type { RecognitionMode } from '../recognition/recognition-types';
import { Segmented } from './segmented';

interface ModeControlsProps {
  readonly model: ModelSummary | null;
  readonly mode: RecognitionMode;
  readonly charset: Charset;
  readonly onMode: (mode: RecognitionMode) => void;
  readonly onCharset: (charset: Charset) => void;
}

const charsetChoices: readonly { value: Charset; title: string }[] = [
  { value: 'all', title: 'Anything' },
  { value: 'digits', title: 'Digits only' },
  { value: 'letters', title: 'Letters only' },
];

/** True when the model's labels hold both digits and letters, so a constraint means something. */
export function knowsDigitsAndLetters(labels: readonly string[]): boolean {
  return labels.some((label) => /^[0-9]$/.test(label)) && labels.some((label) => /^\p{L}$/u.test(label));
}

export function ModeControls({ model, mode, charset, onMode, onCharset }: ModeControlsProps) {
  const id = useId();
  return (
    <div className="mode-controls">
      <Segmented
        legend="What to read"
        hideLegend
        value={mode}
        options={[
          { value: 'single', title: 'One character' },
          { value: 'sequence', title: 'Number or word' },
        ]}
        onChange={onMode}
      />
      {mode === 'sequence' && model && knowsDigitsAndLetters(model.labels) && (
        <div className="field inline">
          <label htmlFor={id}>Read as</label>
          <select id={id} value={charset} onChange={(event) => onCharset(event.target.value as Charset)}>
            {charsetChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.title}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
