import type { Answer } from './answer-status';

/** The big answer line; announced politely to screen readers when it changes. */
export function AnswerView({
  answer,
  size = 'large',
}: {
  readonly answer: Answer;
  readonly size?: 'large' | 'small';
}) {
  return (
    <div
      className={`answer ${size} ${answer.status}`}
      data-testid="answer"
      data-status={answer.status}
      aria-live="polite"
    >
      <span className="answer-headline" data-testid="answer-headline">
        {answer.headline}
      </span>
      <span className="answer-note">{answer.note}</span>
    </div>
  );
}
