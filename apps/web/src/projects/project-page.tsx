// One project: draw samples, train in the browser, see how it did, test it, export it.
import { useEffect, useMemo } from 'react';
import type { ModelSummary } from '../api/api-types';
import { routeHref } from '../app/route';
import type { BackendChoice } from '../engine/backend-choice';
import { ExportPanel } from './export-panel';
import { FeedbackImportButton } from './feedback-import-button';
import { PersonalPanel } from './personal-panel';
import { deleteProject, putModel } from './project-db';
import { ProjectReport } from './project-report';
import type { StoredModel } from './project-types';
import { SampleGrid } from './sample-grid';
import { SamplePad } from './sample-pad';
import { clearJob, useJob } from './teach-jobs';
import { TestPad } from './test-pad';
import { storedModel, TrainPanel } from './train-panel';
import { useProject } from './use-project';

interface ProjectPageProps {
  readonly projectId: string;
  readonly models: readonly ModelSummary[];
  readonly backend: BackendChoice;
  readonly strokeWidthPx: number;
}

export function ProjectPage({ projectId, models, backend, strokeWidthPx }: ProjectPageProps) {
  const { state, reload, addSamples, removeSample } = useProject(projectId);
  const job = useJob();
  // A finished job saved its model (even if this page was not open then): read it.
  const jobDone = job?.projectId === projectId && job.status === 'done';
  useEffect(() => {
    if (jobDone) void reload();
  }, [jobDone, reload]);
  // A personalized model waits in the finished job until the user keeps or discards it.
  const candidate = useMemo(() => {
    if (state.status !== 'ready' || job?.projectId !== projectId || job.kind !== 'personalize') return null;
    return job.status === 'done' && job.result
      ? storedModel(state.project, job.result, job.sampleCount)
      : null;
  }, [state, job, projectId]);
  if (state.status === 'loading') return <p className="card">Loading the project…</p>;
  if (state.status === 'error')
    return (
      <p className="card error-text" role="alert">
        {state.message}
      </p>
    );
  if (state.status === 'missing') {
    return (
      <div className="card notice">
        <p>No project “{projectId}” in this browser.</p>
        <a href={routeHref({ view: 'projects' })}>All projects</a>
      </div>
    );
  }
  const { project, samples, model } = state;
  const counts = new Map(
    project.labels.map((label) => [label, samples.filter((s) => s.label === label).length]),
  );
  const baseModel = models.find((candidateModel) => candidateModel.id === project.base);
  const personal = project.kind === 'personal';

  const keep = async () => {
    if (!candidate) return;
    await putModel(candidate);
    clearJob(project.id);
    await reload();
  };
  const remove = async () => {
    if (!window.confirm(`Delete “${project.name}” with its ${samples.length} samples and its model?`)) return;
    await deleteProject(project.id);
    window.location.hash = routeHref({ view: 'projects' });
  };

  return (
    <div className="project-layout" data-testid="project-page" data-project-id={project.id}>
      <header className="card project-head">
        <h2>{project.name}</h2>
        <p className="muted">
          {personal
            ? `Your corrections for ${baseModel?.name ?? project.base}`
            : `Labels: ${project.labels.join(' ')}`}
        </p>
        <div className="toolbar">
          <a className="button" href={routeHref({ view: 'projects' })}>
            All projects
          </a>
          <button type="button" className="button danger" onClick={() => void remove()}>
            Delete project
          </button>
        </div>
      </header>
      <SamplePad
        projectId={project.id}
        labels={project.labels}
        counts={counts}
        onAdd={addSamples}
        strokeWidthPx={strokeWidthPx}
        title={personal ? 'Draw your characters, then press what each one is' : 'Draw samples'}
      />
      <SampleGrid labels={project.labels} samples={samples} onDelete={(id) => void removeSample(id)}>
        <FeedbackImportButton project={project} samples={samples} onAdd={addSamples} />
      </SampleGrid>
      <TrainPanel project={project} samples={samples} baseModel={baseModel} />
      {candidate && (
        <PersonalPanel
          candidate={candidate}
          onKeep={() => void keep()}
          onDiscard={() => clearJob(project.id)}
        />
      )}
      {!personal && model && <ProjectReport model={model} sampleCount={samples.length} />}
      {(candidate ?? model) && (
        <TestPad
          model={(candidate ?? model) as StoredModel}
          backend={backend}
          strokeWidthPx={strokeWidthPx}
          title={candidate ? 'Test the new model' : 'Test the model'}
        />
      )}
      {model && !candidate && <ExportPanel model={model} />}
    </div>
  );
}
