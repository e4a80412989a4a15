// Turns a recognition answer into what the user is told. The model always has a favourite class; this
// is where "no ink" and "not sure" stay honest instead of forcing an answer.
import type { RecognitionResult } from '../recognition/recognition-types';
import { formatPercent } from './top-predictions';

/** Below this top-1 confidence the answer is shown as a guess, not a result. */
export const lowConfidenceBelow = 0.5;

export type AnswerStatus =
  'idle' | 'loading' | 'error' | 'empty' | 'not-a-character' | 'unsure' | 'confident';

export interface Answer {
  readonly status: AnswerStatus;
  /** The big text: the label, the recognised text, or a dash. */
  readonly headline: string;
  readonly note: string;
}

export function describeAnswer(
  result: RecognitionResult | null,
  error: string | null,
  waiting: { readonly idleHint: string; readonly loading: boolean },
): Answer {
  if (error) return { status: 'error', headline: '!', note: error };
  if (!result) {
    return waiting.loading
      ? { status: 'loading', headline: '…', note: 'Loading the model…' }
      : { status: 'idle', headline: '–', note: waiting.idleHint };
  }
  if (result.empty) {
    return { status: 'empty', headline: '–', note: 'No ink found. Draw a little larger or darker.' };
  }
  if (result.characters) return describeSequence(result);
  const [best, second] = result.predictions;
  if (!best) return { status: 'empty', headline: '–', note: 'The model returned no classes.' };
  if (result.rejected?.reason === 'several-characters') {
    return {
      status: 'not-a-character',
      headline: '?',
      note: 'Not a character: this looks like several characters. Try sequence mode.',
    };
  }
  if (result.rejected?.reason === 'not-a-character') {
    return {
      status: 'not-a-character',
      headline: '?',
      note: 'Not a character: a dot, a line or a scribble? Write one character.',
    };
  }
  if (result.rejected?.reason === 'uncertain' || best.confidence < lowConfidenceBelow) {
    const alternative = second ? ` or ${second.label} (${formatPercent(second.confidence)})` : '';
    return {
      status: 'unsure',
      headline: best.label,
      note: `Not sure: maybe ${best.label} (${formatPercent(best.confidence)})${alternative}.`,
    };
  }
  return { status: 'confident', headline: best.label, note: `${formatPercent(best.confidence)} confident` };
}

function describeSequence(result: RecognitionResult): Answer {
  const characters = result.characters ?? [];
  const unsure = characters.filter(
    (character) => (character.predictions[0]?.confidence ?? 0) < lowConfidenceBelow,
  );
  const count = `${characters.length} character${characters.length === 1 ? '' : 's'}`;
  if (unsure.length === 0) return { status: 'confident', headline: result.text ?? '', note: count };
  const which = unsure.map((character) => character.predictions[0]?.label ?? '?').join(', ');
  return { status: 'unsure', headline: result.text ?? '', note: `${count}; not sure about ${which}.` };
}
