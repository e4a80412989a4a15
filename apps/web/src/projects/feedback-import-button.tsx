// "Import feedback": the corrections already sent to the server join the project's samples.
import { useState } from 'react';
import { importFeedback } from './import-feedback';
import type { Project, Sample } from './project-types';

interface FeedbackImportButtonProps {
  readonly project: Project;
  readonly samples: readonly Sample[];
  readonly onAdd: (samples: readonly Sample[]) => Promise<void>;
}

export function FeedbackImportButton({ project, samples, onAdd }: FeedbackImportButtonProps) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const result = await importFeedback(project, samples, onAdd);
      const parts = [`Added ${result.added} sample${result.added === 1 ? '' : 's'} from feedback`];
      if (result.alreadyThere > 0) parts.push(`${result.alreadyThere} already here`);
      if (result.otherLabels > 0) parts.push(`${result.otherLabels} with labels this project does not have`);
      setMessage({
        text: `${parts.join('; ')}.${result.problems.length ? ` ${result.problems.join(' ')}` : ''}`,
        error: false,
      });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  const source =
    project.kind === 'personal' ? `corrections sent for ${project.base}` : 'feedback with these labels';
  return (
    <div className="toolbar">
      <button type="button" className="button" disabled={busy} onClick={() => void run()}>
        Import {source}
      </button>
      {message && (
        <span
          className={message.error ? 'error-text' : 'muted'}
          role={message.error ? 'alert' : 'status'}
          data-testid="feedback-import-status"
        >
          {message.text}
        </span>
      )}
    </div>
  );
}
