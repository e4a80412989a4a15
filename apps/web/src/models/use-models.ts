import { useCallback, useEffect, useState } from 'react';
import { listModels } from '../api/api-client';
import type { ModelSummary } from '../api/api-types';

export interface ModelsState {
  readonly models: readonly ModelSummary[] | null;
  readonly error: string | null;
  readonly reload: () => void;
}

let earlyList: Promise<ModelSummary[]> | null = null;

/** Asks for the model list before React's first render, so the answer is there sooner. */
export function prefetchModels(): void {
  earlyList ??= listModels();
  earlyList.catch(() => undefined);
}

/** The first request uses the prefetched answer (if any); retries ask again. */
function takeList(): Promise<ModelSummary[]> {
  const list = earlyList ?? listModels();
  earlyList = null;
  return list;
}

/** The served models, from `GET /api/models`. */
export function useModels(): ModelsState {
  const [models, setModels] = useState<readonly ModelSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    takeList().then(
      (list) => live && (setModels(list), setError(null)),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { models, error, reload };
}
