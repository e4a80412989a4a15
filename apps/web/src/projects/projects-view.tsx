// Projects: teach Glyph new symbols or your own handwriting, in this browser. Lists the projects
// stored here and creates new ones.
import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { ModelSummary } from '../api/api-types';
import { routeHref } from '../app/route';
import { labelProblem, newProject, parseLabels } from './new-project';
import { listProjects, putModel, putProject } from './project-db';
import type { Project, ProjectKind } from './project-types';

/** Served models whose features a project can start from: single characters, gray input. */
export function baseCandidates(models: readonly ModelSummary[]): ModelSummary[] {
  return models.filter((model) => model.task === 'character' && model.input.channels === 1);
}

function describeProject(project: Project): string {
  if (project.kind === 'personal') return `Learns your handwriting for ${project.base ?? 'a model'}`;
  const start = project.base ? `from ${project.base}` : 'from scratch';
  return `${project.labels.length} symbols (${project.labels.join(' ')}), ${start}`;
}

export function ProjectsView({ models }: { readonly models: readonly ModelSummary[] }) {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    listProjects().then(setProjects, (error: unknown) =>
      setProblem(`Projects could not be read from this browser's storage: ${String(error)}`),
    );
  }, []);

  return (
    <div className="projects-layout">
      <section className="card" aria-labelledby="projects-title">
        <h2 id="projects-title">Your projects</h2>
        <p className="muted">Stored in this browser only, until you export or upload a model.</p>
        {problem && (
          <p className="error-text" role="alert">
            {problem}
          </p>
        )}
        {projects?.length === 0 && <p>No projects yet: create one.</p>}
        <ul className="project-list" data-loaded={projects !== null} aria-busy={projects === null}>
          {projects?.map((project) => (
            <li key={project.id}>
              <a href={routeHref({ view: 'project', projectId: project.id })}>{project.name}</a>
              <span className="muted"> · {describeProject(project)}</span>
            </li>
          ))}
        </ul>
      </section>
      <NewProjectForm models={baseCandidates(models)} />
      <ImportModel />
    </div>
  );
}

function NewProjectForm({ models }: { readonly models: readonly ModelSummary[] }) {
  const ids = useId();
  const [kind, setKind] = useState<ProjectKind>('symbols');
  const [name, setName] = useState('');
  const [labelsText, setLabelsText] = useState('');
  const [base, setBase] = useState<string>(models[0]?.id ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const baseModel = models.find((model) => model.id === base);
    const labels = kind === 'personal' ? [...(baseModel?.labels ?? [])] : parseLabels(labelsText);
    const why = kind === 'personal' && !baseModel ? 'Choose the model to personalize.' : labelProblem(labels);
    if (why) return setProblem(why);
    const title = name.trim() || (kind === 'personal' ? `My ${base}` : labels.join(' '));
    const project = newProject(title, kind, labels, base || null);
    try {
      await putProject(project);
      window.location.hash = routeHref({ view: 'project', projectId: project.id });
    } catch (error) {
      setProblem(`The project could not be saved in this browser: ${String(error)}`);
    }
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>New project</h2>
      <form className="stack" onSubmit={(event) => void create(event)}>
        <fieldset className="choice">
          <legend>What to teach</legend>
          <label>
            <input
              type="radio"
              name={`${ids}-kind`}
              checked={kind === 'symbols'}
              onChange={() => setKind('symbols')}
            />
            New symbols (your own label set)
          </label>
          <label>
            <input
              type="radio"
              name={`${ids}-kind`}
              checked={kind === 'personal'}
              onChange={() => setKind('personal')}
            />
            My handwriting (fine-tune a model on my corrections)
          </label>
        </fieldset>
        <label className="field">
          <span>Name</span>
          <input
            type="text"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="My symbols"
          />
        </label>
        {kind === 'symbols' && (
          <label className="field">
            <span>Labels (separated by spaces or commas)</span>
            <input
              type="text"
              value={labelsText}
              onChange={(event) => setLabelsText(event.target.value)}
              placeholder="✓ ✗ △ ○"
            />
          </label>
        )}
        <label className="field">
          <span>{kind === 'symbols' ? 'Start from' : 'Model to personalize'}</span>
          <select value={base} onChange={(event) => setBase(event.target.value)}>
            {models.map((model) => (
              <option key={model.id} value={model.id}>
                {kind === 'symbols'
                  ? `${model.name}'s features (10 samples per symbol are enough)`
                  : model.name}
              </option>
            ))}
            {kind === 'symbols' && (
              <option value="">Nothing: a small network from scratch (needs more samples)</option>
            )}
          </select>
        </label>
        {problem && (
          <p className="error-text" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button primary">
          Create project
        </button>
      </form>
    </section>
  );
}

/** A Glyph model folder zip (exported here or by `glyph`) becomes a project holding that model. */
function ImportModel() {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const { project, model } = await (await import('./model-transfer')).importModelProject(file);
      await putProject(project);
      await putModel(model);
      window.location.hash = routeHref({ view: 'project', projectId: project.id });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="import-title" data-testid="import-model">
      <h2 id="import-title">Import a model</h2>
      <p className="muted">
        A model folder zip exported from a project here, or zipped from a folder `glyph train` wrote.
      </p>
      <label className="field">
        <span>Model zip file</span>
        <input
          type="file"
          accept=".zip,application/zip"
          disabled={busy}
          onChange={(event) => void importFile(event)}
        />
      </label>
      {problem && (
        <p className="error-text" role="alert" data-testid="import-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
