import type { Prediction } from '@glyph/core/recognize';

interface TopPredictionsProps {
  readonly predictions: readonly Prediction[];
  readonly compact?: boolean;
  /** The answer was rejected (not a character, several characters): bars stay, marked as not an answer. */
  readonly rejected?: boolean;
}

export function formatPercent(confidence: number): string {
  const percent = confidence * 100;
  return `${percent >= 99.95 ? '100' : percent < 0.1 && percent > 0 ? '<0.1' : percent.toFixed(1)}%`;
}

/** Confidence bars, most confident first; the numbers are text, so they read out as well as show. */
export function TopPredictions({ predictions, compact = false, rejected = false }: TopPredictionsProps) {
  if (predictions.length === 0) return null;
  const classes = ['top-list', compact ? 'compact' : '', rejected ? 'rejected' : ''].filter(Boolean);
  return (
    <ol
      className={classes.join(' ')}
      aria-label={rejected ? 'Top predictions (not taken as an answer)' : 'Top predictions'}
      data-rejected={rejected ? 'true' : undefined}
    >
      {predictions.map((prediction, rank) => (
        <li key={prediction.label} className={rank === 0 ? 'top-item first' : 'top-item'}>
          <span className="top-label">{prediction.label}</span>
          <span className="top-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(prediction.confidence * 100, 0.5)}%` }} />
          </span>
          <span className="top-percent">{formatPercent(prediction.confidence)}</span>
        </li>
      ))}
    </ol>
  );
}
