// Train (or personalize) the project's model in the teaching worker: readiness, progress, live
// curves, cancel. The job outlives this view; its result is saved by the job's own callback.
import type { ModelSummary } from '../api/api-types';
import { modelFolderUrl } from '../api/api-client';
import { putModel } from './project-db';
import type { Project, Sample, StoredModel } from './project-types';
import { cancelJob, startJob, useJob } from './teach-jobs';
import type { GraySample, JobResult } from './teach-messages';
import { TrainingCurve } from './training-curve';

/** Fewer samples per label than this and training is refused. */
export const minSamplesPerLabel = 2;

export function readinessProblem(project: Project, samples: readonly Sample[]): string | null {
  if (project.kind === 'personal') {
    return samples.length === 0 ? 'Draw a few of your characters first, each with its right label.' : null;
  }
  const short = project.labels.filter(
    (label) => samples.filter((sample) => sample.label === label).length < minSamplesPerLabel,
  );
  return short.length > 0
    ? `Add at least ${minSamplesPerLabel} samples of ${short.map((label) => `“${label}”`).join(', ')} (10 each work well).`
    : null;
}

function graySamples(samples: readonly Sample[]): GraySample[] {
  return samples.map(({ label, width, height, gray }) => ({ label, width, height, gray }));
}

export function storedModel(project: Project, result: JobResult, sampleCount: number): StoredModel {
  return {
    ...result,
    projectId: project.id,
    // A personal model is the project's own, not the served model it started from: its own id and name.
    metadata: { ...result.metadata, id: project.id, name: project.name },
    trainedAt: new Date().toISOString(),
    sampleCount,
  };
}

interface TrainPanelProps {
  readonly project: Project;
  readonly samples: readonly Sample[];
  readonly baseModel: ModelSummary | undefined;
}

export function TrainPanel({ project, samples, baseModel }: TrainPanelProps) {
  const job = useJob();
  const mine = job?.projectId === project.id ? job : null;
  const running = mine?.status === 'running';
  const problem = readinessProblem(project, samples);
  const personal = project.kind === 'personal';

  const start = () => {
    const base = project.base ? { folderUrl: modelFolderUrl(project.base) } : undefined;
    // Symbols projects save their model at once; a personal model waits to be kept or discarded.
    const onDone = async (result: JobResult) => {
      if (!personal) await putModel(storedModel(project, result, samples.length));
    };
    if (personal) {
      if (!base) return;
      startJob(
        project.id,
        samples.length,
        { type: 'personalize', samples: graySamples(samples), base },
        onDone,
      );
    } else {
      const request = { type: 'teach' as const, id: project.id, name: project.name, labels: project.labels };
      startJob(
        project.id,
        samples.length,
        { ...request, samples: graySamples(samples), ...(base && { base }) },
        onDone,
      );
    }
  };

  const progress = mine?.progress;
  return (
    <section
      className="card"
      aria-labelledby="train-title"
      data-testid="train-panel"
      data-status={mine?.status ?? 'idle'}
    >
      <h2 id="train-title">{personal ? 'Learn my handwriting' : 'Train'}</h2>
      <p className="muted">
        {personal
          ? `Fine-tunes ${baseModel?.name ?? project.base} on your ${samples.length} corrections, in this browser.`
          : `Trains on ${samples.length} samples in this browser${project.base ? `, starting from ${baseModel?.name ?? project.base}'s features` : ', from scratch'}.`}{' '}
        You can keep drawing elsewhere in the app meanwhile.
      </p>
      {problem && <p className="notice">{problem}</p>}
      <div className="toolbar">
        <button
          type="button"
          className="button primary"
          disabled={running || problem !== null}
          onClick={start}
        >
          {personal ? 'Personalize' : mine?.status === 'done' ? 'Train again' : 'Train'}
        </button>
        {running && (
          <button type="button" className="button" onClick={cancelJob}>
            Cancel
          </button>
        )}
      </div>
      {running && (
        <div className="train-progress">
          <progress max={1} value={progress?.fraction ?? 0} aria-label="Training progress" />
          <span role="status">
            {progress?.stage === 'training'
              ? `Epoch ${progress.epoch} of ${progress.epochs}`
              : progress?.stage === 'evaluating'
                ? 'Checking on held-out samples…'
                : 'Preparing…'}
          </span>
        </div>
      )}
      {mine?.status === 'failed' && (
        <p className="error-text" role="alert">
          Training failed: {mine.error}
        </p>
      )}
      {mine?.status === 'cancelled' && (
        <p role="status">Training cancelled; the previous model is unchanged.</p>
      )}
      {mine?.status === 'done' && mine.result && (
        <p role="status" data-testid="train-done">
          Trained in {mine.result.seconds.toFixed(1)} s.
        </p>
      )}
      {mine && <TrainingCurve points={mine.curve} />}
    </section>
  );
}
