// Chooses and loads the engine for the selected model. The in-browser engine loads lazily and is
// kept per model for the session, so switching back and forth is instant. If it cannot load (no
// model files served, no backend), predictions go to the server and the user is told why.
import { useEffect, useMemo, useState } from 'react';
import type { Engine, EngineKind } from './engine-types';
import { createServerEngine } from './server-engine';
import type { BackendChoice } from './backend-choice';

export type EngineStatus = 'idle' | 'loading' | 'ready' | 'fallback';

export interface EngineState {
  readonly engine: Engine | null;
  readonly status: EngineStatus;
  /** Why the in-browser engine is not in use, when it was asked for. */
  readonly problem: string | null;
}

const browserEngines = new Map<string, Promise<Engine>>();

function loadBrowserEngine(modelId: string, backend: BackendChoice): Promise<Engine> {
  const key = `${backend}/${modelId}`;
  let engine = browserEngines.get(key);
  if (!engine) {
    engine = import('./browser-engine')
      .then((module) => module.createBrowserEngine(modelId, backend))
      .then((loaded) => {
        // From navigation start: how soon after opening the page a prediction can run.
        performance.measure(`glyph:engine-ready:${modelId}`, { start: 0 });
        return loaded;
      });
    engine.catch(() => browserEngines.delete(key));
    browserEngines.set(key, engine);
  }
  return engine;
}

/** Starts downloading TF.js, the engine code and the chosen backend before any model is known. */
export function preloadBrowserRuntime(backend: BackendChoice): void {
  void import('./tf-backend').then((module) => module.startBackend(backend)).catch(() => undefined);
  void import('./browser-engine').catch(() => undefined);
}

export function useEngine(modelId: string | null, kind: EngineKind, backend: BackendChoice): EngineState {
  const serverEngine = useMemo(() => (modelId ? createServerEngine(modelId) : null), [modelId]);
  const [browser, setBrowser] = useState<{ key: string; engine: Engine | null; problem: string | null }>();
  const key = `${backend}/${modelId}`;

  useEffect(() => {
    if (kind !== 'browser' || !modelId) return;
    let live = true;
    loadBrowserEngine(modelId, backend).then(
      (engine) => live && setBrowser({ key, engine, problem: null }),
      (error: unknown) =>
        live &&
        setBrowser({ key, engine: null, problem: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [kind, modelId, backend, key]);

  if (!modelId || !serverEngine) return { engine: null, status: 'idle', problem: null };
  if (kind === 'server') return { engine: serverEngine, status: 'ready', problem: null };
  if (browser?.key !== key) return { engine: null, status: 'loading', problem: null };
  if (browser.engine) return { engine: browser.engine, status: 'ready', problem: null };
  return { engine: serverEngine, status: 'fallback', problem: browser.problem };
}
