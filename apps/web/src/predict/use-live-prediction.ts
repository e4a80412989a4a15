// Live predictions for a changing image (the drawing): newest request wins, answers to stale
// requests are never shown, and each answer records how long it took from the request.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  RecognitionInput,
  RecognitionResult,
  RecognitionService,
  RecognitionSite,
  RecognizeRequest,
} from '../recognition/recognition-types';
import { LatestOnlyRunner } from './latest-only-runner';

export interface PredictionJob {
  readonly service: RecognitionService;
  readonly request: RecognizeRequest;
  /** Orders requests (e.g. the ink version): answers older than a reset are dropped. */
  readonly tag: number;
  /** Says exactly what was asked (drawing, recognition site, model, mode…); echoed in the state. */
  readonly key: string;
  /** Called when the job starts, so it sees the newest strokes. */
  readonly input: () => RecognitionInput;
}

export interface LivePrediction {
  readonly result: RecognitionResult | null;
  readonly error: string | null;
  readonly tag: number;
  /** The `key` of the request this state answers: a view compares it with what it shows now. */
  readonly key: string;
  /** Milliseconds from the request (e.g. the end of a stroke) to the answer. */
  readonly latencyMs: number | null;
  readonly site: RecognitionSite | null;
}

const initialState: LivePrediction = {
  result: null,
  error: null,
  tag: -1,
  key: '',
  latencyMs: null,
  site: null,
};

export function useLivePrediction() {
  const [state, setState] = useState<LivePrediction>(initialState);
  // Answers to requests older than the last reset (a clear while predicting) are dropped.
  const oldestTagRef = useRef(-1);

  const runner = useMemo(
    () =>
      new LatestOnlyRunner<PredictionJob & { requestedAt: number }>(async (job) => {
        try {
          // Marks show up in the browser's performance panel (and let tests see where time goes).
          const rasterStart = performance.now();
          const input = job.input();
          const recognizeStart = performance.now();
          const result = await job.service.recognize(input, job.request);
          performance.measure('glyph:image', { start: rasterStart, end: recognizeStart });
          performance.measure(`glyph:recognize:${job.service.site}`, { start: recognizeStart });
          const latencyMs = performance.now() - job.requestedAt;
          if (job.tag < oldestTagRef.current) return;
          setState({
            result,
            error: null,
            tag: job.tag,
            key: job.key,
            latencyMs,
            site: job.service.site,
          });
        } catch (error) {
          if (job.tag < oldestTagRef.current) return;
          const message = error instanceof Error ? error.message : String(error);
          setState({
            result: null,
            error: message,
            tag: job.tag,
            key: job.key,
            latencyMs: null,
            site: job.service.site,
          });
        }
      }),
    [],
  );
  useEffect(() => () => runner.cancel(), [runner]);

  const submit = useCallback(
    (job: PredictionJob, delayMs = 0) => runner.submit({ ...job, requestedAt: performance.now() }, delayMs),
    [runner],
  );

  /** Forgets any answer, e.g. when the drawing is cleared. */
  const reset = useCallback(
    (tag: number) => {
      runner.cancel();
      oldestTagRef.current = tag;
      setState({ ...initialState, tag });
    },
    [runner],
  );

  return { state, submit, reset };
}
