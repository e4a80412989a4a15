// The shell: header and navigation, the shared choice of model and of where it runs, and one view per route.
import { useCallback, useEffect, useState } from 'react';
import { DrawView } from '../draw/draw-view';
import { ReviewView } from '../feedback/review-view';
import { ModelPage } from '../models/model-page';
import { defaultModel } from '../models/model-labels';
import { ModelsView } from '../models/models-view';
import { useModels } from '../models/use-models';
import { loadSettings, saveSettings, type Settings } from '../settings/settings';
import { JobChip } from '../projects/job-chip';
import { ProjectPage } from '../projects/project-page';
import { ProjectsView } from '../projects/projects-view';
import { preloadBrowserRuntime, useRecognition } from '../recognition/use-recognition';
import { UploadView } from '../upload/upload-view';
import { RecognitionBar } from './recognition-bar';
import { routeHref, useRoute, type Route } from './route';

const navItems: readonly { route: Route; title: string; matches: readonly Route['view'][] }[] = [
  { route: { view: 'draw' }, title: 'Draw', matches: ['draw'] },
  { route: { view: 'upload' }, title: 'Upload', matches: ['upload'] },
  { route: { view: 'models' }, title: 'Models', matches: ['models', 'model'] },
  { route: { view: 'review' }, title: 'Feedback', matches: ['review'] },
  { route: { view: 'projects' }, title: 'Teach', matches: ['projects', 'project'] },
];

export function App() {
  const route = useRoute();
  const [settings, setSettings] = useState<Settings>(loadSettings);
  const { models, error, reload } = useModels();
  const update = useCallback((patch: Partial<Settings>) => setSettings((old) => ({ ...old, ...patch })), []);
  useEffect(() => saveSettings(settings), [settings]);
  useEffect(() => {
    if (settings.recognitionSite === 'browser') preloadBrowserRuntime(settings.backend);
  }, [settings.recognitionSite, settings.backend]);

  const model =
    models?.find((candidate) => candidate.id === settings.modelId) ?? (models ? defaultModel(models) : null);
  const recognition = useRecognition(model?.id ?? null, settings.recognitionSite, settings.backend);
  const chooseModel = (modelId: string) => {
    update({ modelId });
    window.location.hash = routeHref({ view: 'draw' });
  };

  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href={routeHref({ view: 'draw' })} aria-label="Glyph home">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>Glyph</span>
        </a>
        <nav aria-label="Main">
          <ul>
            {navItems.map((item) => (
              <li key={item.title}>
                <a
                  href={routeHref(item.route)}
                  aria-current={item.matches.includes(route.view) ? 'page' : undefined}
                >
                  {item.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <JobChip />
      </header>
      <main id="main">
        {error && (
          <div className="card notice error-text" role="alert">
            <p>{error}</p>
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </div>
        )}
        {(route.view === 'draw' || route.view === 'upload') && models && (
          <RecognitionBar
            models={models}
            modelId={model?.id ?? null}
            site={settings.recognitionSite}
            recognition={recognition}
            onModel={(modelId) => update({ modelId })}
            onSite={(recognitionSite) => update({ recognitionSite })}
          />
        )}
        {route.view === 'draw' && (
          <DrawView model={model} recognition={recognition} settings={settings} onSettingsChange={update} />
        )}
        {route.view === 'upload' && (
          <UploadView model={model} recognition={recognition} settings={settings} onSettingsChange={update} />
        )}
        {route.view === 'models' && models && (
          <ModelsView
            models={models}
            selectedId={model?.id ?? null}
            onUse={chooseModel}
            backend={settings.backend}
            onBackend={(backend) => update({ backend })}
          />
        )}
        {route.view === 'model' && models && (
          <ModelPage
            model={models.find((m) => m.id === route.modelId)}
            modelId={route.modelId}
            onUse={chooseModel}
          />
        )}
        {route.view === 'review' && <ReviewView />}
        {route.view === 'projects' && <ProjectsView models={models ?? []} />}
        {route.view === 'project' && (
          <ProjectPage
            projectId={route.projectId}
            models={models ?? []}
            backend={settings.backend}
            strokeWidthPx={settings.strokeWidthPx}
          />
        )}
      </main>
      <footer className="app-footer">
        <p>
          Glyph recognises handwriting with TensorFlow.js. “In browser” keeps your drawings on this device;
          they reach the server only with “On server” or when you send feedback.
        </p>
      </footer>
    </div>
  );
}
