// Loss and accuracy per epoch as a small inline SVG (drawn live while training; no chart library
// needed for two lines), with the figures as text for screen readers.
import type { TrainingPoint } from './project-types';

const width = 320;
const height = 120;
const pad = 6;

function path(
  points: readonly TrainingPoint[],
  value: (point: TrainingPoint) => number,
  max: number,
): string {
  const epochs = Math.max(points[points.length - 1]?.epoch ?? 1, 2);
  return points
    .map((point, i) => {
      const x = pad + ((point.epoch - 1) / (epochs - 1)) * (width - 2 * pad);
      const y = height - pad - (Math.min(value(point), max) / max) * (height - 2 * pad);
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

export function TrainingCurve({ points }: { readonly points: readonly TrainingPoint[] }) {
  if (points.length === 0) return null;
  const maxLoss = Math.max(...points.map((point) => point.loss), 0.1);
  const last = points[points.length - 1];
  return (
    <figure className="training-curve" data-testid="training-curve" data-epochs={points.length}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Training loss and accuracy per epoch">
        <path d={path(points, (point) => point.loss, maxLoss)} className="curve-loss" fill="none" />
        <path d={path(points, (point) => point.accuracy, 1)} className="curve-accuracy" fill="none" />
      </svg>
      <figcaption>
        Epoch {last.epoch}: <span className="curve-loss-key">loss {last.loss.toFixed(3)}</span> ·{' '}
        <span className="curve-accuracy-key">accuracy {(last.accuracy * 100).toFixed(1)}%</span>
      </figcaption>
    </figure>
  );
}
