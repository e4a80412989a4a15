// Chooses and loads where predictions run for the selected model. In-browser recognition loads
// lazily and is kept per model for the session, so switching back and forth is instant. If it cannot
// load (no model files served, no backend), predictions go to the server and the user is told why.
import { useEffect, useMemo, useState } from 'react';
import type { BackendChoice } from '../engine/backend-choice';
import type { RecognitionService, RecognitionSite } from './recognition-types';
import { createServerRecognition } from './server-recognition';

export type RecognitionStatus = 'idle' | 'loading' | 'ready' | 'fallback';

export interface RecognitionState {
  readonly service: RecognitionService | null;
  readonly status: RecognitionStatus;
  /** Why in-browser recognition is not in use, when it was asked for. */
  readonly problem: string | null;
}

const browserServices = new Map<string, Promise<RecognitionService>>();

function loadBrowserRecognition(modelId: string, backend: BackendChoice): Promise<RecognitionService> {
  const key = `${backend}/${modelId}`;
  let service = browserServices.get(key);
  if (!service) {
    service = import('./browser-recognition')
      .then((module) => module.createBrowserRecognition(modelId, backend))
      .then((loaded) => {
        // From navigation start: how soon after opening the page a prediction can run.
        performance.measure(`glyph:browser-recognition-ready:${modelId}`, { start: 0 });
        return loaded;
      });
    service.catch(() => browserServices.delete(key));
    browserServices.set(key, service);
  }
  return service;
}

/** Starts loading TF.js, the in-browser recognition code and the chosen backend before a model is known. */
export function preloadBrowserRuntime(backend: BackendChoice): void {
  void import('../engine/tf-backend').then((module) => module.startBackend(backend)).catch(() => undefined);
  void import('./browser-recognition').catch(() => undefined);
}

export function useRecognition(
  modelId: string | null,
  site: RecognitionSite,
  backend: BackendChoice,
): RecognitionState {
  const serverService = useMemo(() => (modelId ? createServerRecognition(modelId) : null), [modelId]);
  const [browser, setBrowser] = useState<{
    key: string;
    service: RecognitionService | null;
    problem: string | null;
  }>();
  const key = `${backend}/${modelId}`;

  useEffect(() => {
    if (site !== 'browser' || !modelId) return;
    let live = true;
    loadBrowserRecognition(modelId, backend).then(
      (service) => live && setBrowser({ key, service, problem: null }),
      (error: unknown) =>
        live &&
        setBrowser({ key, service: null, problem: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [site, modelId, backend, key]);

  if (!modelId || !serverService) return { service: null, status: 'idle', problem: null };
  if (site === 'server') return { service: serverService, status: 'ready', problem: null };
  if (browser?.key !== key) return { service: null, status: 'loading', problem: null };
  if (browser.service) return { service: browser.service, status: 'ready', problem: null };
  return { service: serverService, status: 'fallback', problem: browser.problem };
}
