import type { Prediction } from '@glyph/core/recognize';

interface TopPredictionsProps {
  readonly predictions: readonly Prediction[];
  readonly compact?: boolean;
}

export function formatPercent(confidence: number): string {
  const percent = confidence * 100;
  return `${percent >= 99.95 ? '100' : percent < 0.1 && percent > 0 ? '<0.1' : percent.toFixed(1)}%`;
}

/** Confidence bars, most confident first; the numbers are text, so they read out as well as show. */
export function TopPredictions({ predictions, compact = false }: TopPredictionsProps) {
  if (predictions.length === 0) return null;
  return (
    <ol className={compact ? 'top-list compact' : 'top-list'} aria-label="Top predictions">
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
