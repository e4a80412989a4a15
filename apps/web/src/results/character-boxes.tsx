// Sequence mode: a box over each recognised character, positioned in percent of the image so it
// fits the drawing surface and scaled-down uploads alike.
import type { CharacterResult } from '../recognition/recognition-types';
import { formatPercent } from './top-predictions';
import { lowConfidenceBelow } from './answer-status';
import { ModelInputPreview } from './model-input-preview';

interface CharacterBoxesProps {
  readonly characters: readonly CharacterResult[];
  readonly imageWidth: number;
  readonly imageHeight: number;
}

const percent = (part: number, whole: number) => `${(part / whole) * 100}%`;

export function CharacterBoxes({ characters, imageWidth, imageHeight }: CharacterBoxesProps) {
  if (imageWidth <= 0 || imageHeight <= 0) return null;
  return (
    <div className="char-boxes" aria-hidden="true">
      {characters.map((character, index) => {
        const best = character.predictions[0];
        const unsure = (best?.confidence ?? 0) < lowConfidenceBelow;
        return (
          <div
            key={index}
            className={unsure ? 'char-box unsure' : 'char-box'}
            data-testid="char-box"
            style={{
              left: percent(character.box.x, imageWidth),
              top: percent(character.box.y, imageHeight),
              width: percent(character.box.width, imageWidth),
              height: percent(character.box.height, imageHeight),
            }}
          >
            <span className="char-box-label">{best?.label ?? '?'}</span>
          </div>
        );
      })}
    </div>
  );
}

/** The same characters as a list, with alternatives: readable without seeing the boxes. */
export function CharacterList({ characters }: { readonly characters: readonly CharacterResult[] }) {
  if (characters.length === 0) return null;
  return (
    <ol className="char-list" aria-label="Recognised characters, left to right">
      {characters.map((character, index) => (
        <li key={index}>
          {character.modelInput && <ModelInputPreview image={character.modelInput} size="small" />}
          <span className="char-list-best">{character.predictions[0]?.label ?? '?'}</span>
          <span className="char-list-alternatives">
            {character.predictions
              .slice(0, 3)
              .map((prediction) => `${prediction.label} ${formatPercent(prediction.confidence)}`)
              .join(' · ')}
          </span>
        </li>
      ))}
    </ol>
  );
}
