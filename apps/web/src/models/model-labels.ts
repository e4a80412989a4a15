import type { ModelSummary } from '../api/api-types';

/** The models every Glyph install aims to ship; the picker lists them even when not installed. */
export const standardModelIds = ['digits', 'letters', 'chars', 'alphabet'] as const;

/** The model to start with: the first standard one served (digits first), else the first served. */
export function defaultModel(models: readonly ModelSummary[]): ModelSummary | null {
  for (const id of standardModelIds) {
    const model = models.find((candidate) => candidate.id === id);
    if (model) return model;
  }
  return models[0] ?? null;
}

const isDigit = (label: string) => /^[0-9]$/.test(label);
const isLetter = (label: string) => /^\p{L}$/u.test(label);

/** What to ask the user to draw, from the labels the model knows. */
export function drawPrompt(model: ModelSummary | null, sequence: boolean): string {
  if (!model) return 'Choose a model to start.';
  const labels = model.labels;
  if (sequence) {
    if (labels.every(isDigit)) return 'Write a number, digits side by side.';
    return 'Write a word or number, characters side by side.';
  }
  if (labels.every(isDigit)) return 'Draw a digit, 0 to 9.';
  if (labels.every(isLetter)) return 'Draw a letter.';
  if (model.task === 'image')
    return `Draw one of: ${labels.slice(0, 6).join(', ')}${labels.length > 6 ? '…' : ''}.`;
  return 'Draw a character.';
}
