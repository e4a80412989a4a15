// After personalizing: how many of your corrections the model read right before and after, and the
// choice to keep the new model (it replaces the project's model) or discard it.
import { formatPercent } from '../results/top-predictions';
import type { Score, StoredModel } from './project-types';

const share = (score: Score) =>
  `${score.correct} of ${score.total} (${formatPercent(score.correct / Math.max(score.total, 1))})`;

interface PersonalPanelProps {
  readonly candidate: StoredModel;
  readonly onKeep: () => void;
  readonly onDiscard: () => void;
}

export function PersonalPanel({ candidate, onKeep, onDiscard }: PersonalPanelProps) {
  const comparison = candidate.comparison;
  return (
    <section className="card" aria-labelledby="personal-title" data-testid="personal-panel">
      <h2 id="personal-title">Before and after</h2>
      {comparison && (
        <dl className="detail-list">
          <dt>Your samples read right before</dt>
          <dd data-testid="before">{share(comparison.before)}</dd>
          <dt>… and after fine-tuning</dt>
          <dd data-testid="after">{share(comparison.after)}</dd>
        </dl>
      )}
      <p className="muted">Try it below before you decide. Keeping it replaces this project's model.</p>
      <div className="toolbar">
        <button type="button" className="button primary" onClick={onKeep}>
          Keep the new model
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          Discard it
        </button>
      </div>
    </section>
  );
}
