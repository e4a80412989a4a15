import { useCallback, useEffect, useState } from 'react';
import { listModels } from '../api/api-client';
import type { ModelSummary } from '../api/api-types';

export interface ModelsState {
  readonly models: readonly ModelSummary[] | null;
  readonly error: string | null;
  readonly reload: () => void;
}

/** The served models, from `GET /api/models`. */
export function useModels(): ModelsState {
  const [models, setModels] = useState<readonly ModelSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    listModels().then(
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
