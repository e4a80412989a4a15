// Try the project's model: draw, and its answer follows the pen, as in the Draw view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BackendChoice } from '../engine/backend-choice';
import { InkCanvas } from '../ink/ink-canvas';
import { InkDocument } from '../ink/ink-document';
import { rasterizeInk, type SurfaceSize } from '../ink/rasterize-ink';
import { useLivePrediction } from '../predict/use-live-prediction';
import type { RecognitionService } from '../recognition/recognition-types';
import { describeAnswer } from '../results/answer-status';
import { AnswerView } from '../results/answer-view';
import { TopPredictions } from '../results/top-predictions';
import type { StoredModel } from './project-types';

function useProjectRecognition(model: StoredModel, backend: BackendChoice) {
  const [state, setState] = useState<{ service: RecognitionService | null; problem: string | null }>({
    service: null,
    problem: null,
  });
  useEffect(() => {
    let live = true;
    let loaded: RecognitionService | null = null;
    setState({ service: null, problem: null });
    // TF.js loads lazily, as for the Draw view: never on the first-paint path.
    import('./project-recognition')
      .then((module) => module.createProjectRecognition(model, backend))
      .then(
        (service) => {
          loaded = service;
          if (live) setState({ service, problem: null });
          else service.dispose();
        },
        (error: unknown) => live && setState({ service: null, problem: String(error) }),
      );
    return () => {
      live = false;
      loaded?.dispose();
    };
  }, [model, backend]);
  return state;
}

interface TestPadProps {
  readonly model: StoredModel;
  readonly backend: BackendChoice;
  readonly title: string;
  readonly strokeWidthPx: number;
}

export function TestPad({ model, backend, title, strokeWidthPx }: TestPadProps) {
  const ink = useMemo(() => new InkDocument(), []);
  const [version, setVersion] = useState(0);
  const surfaceRef = useRef<SurfaceSize>({ width: 0, height: 0 });
  const { service, problem } = useProjectRecognition(model, backend);
  const { state, submit, reset } = useLivePrediction();
  const onResize = useCallback((size: SurfaceSize) => (surfaceRef.current = size), []);

  const predict = useCallback(() => {
    if (ink.isEmpty) return reset(ink.version);
    if (!service) return;
    const input = () => rasterizeInk(ink.strokes, surfaceRef.current);
    submit(
      {
        service,
        request: { mode: 'single', top: 3 },
        tag: ink.version,
        key: `${ink.version}|${model.trainedAt}`,
        input,
      },
      0,
    );
  }, [ink, service, model.trainedAt, submit, reset]);

  useEffect(
    () =>
      ink.subscribe((change) => {
        if (change === 'extend' || change === 'begin') return;
        setVersion(ink.version);
        predict();
      }),
    [ink, predict],
  );
  useEffect(() => predict(), [predict]);

  const answer = describeAnswer(
    ink.isEmpty ? null : state.result,
    problem ?? (ink.isEmpty ? null : state.error),
    {
      idleHint: 'Draw a symbol to test the model.',
      loading: !service && !problem,
    },
  );
  const fresh = state.key === `${version}|${model.trainedAt}`;
  return (
    <section className="card canvas-card" aria-labelledby="test-title" data-testid="test-pad">
      <h2 id="test-title">{title}</h2>
      <InkCanvas
        ink={ink}
        strokeWidthPx={strokeWidthPx}
        onResize={onResize}
        label="Test drawing area. Draw a symbol to see what the model reads."
      >
        {ink.isEmpty && <p className="canvas-hint">Draw to test.</p>}
      </InkCanvas>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => ink.clear()} disabled={ink.isEmpty}>
          Clear
        </button>
      </div>
      <div data-testid="result" data-fresh={String(fresh || ink.isEmpty)}>
        <AnswerView answer={answer} size="small" />
        <TopPredictions predictions={ink.isEmpty ? [] : (state.result?.predictions ?? [])} compact />
      </div>
    </section>
  );
}
