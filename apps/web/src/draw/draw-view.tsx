// The default view: draw, and watch the prediction follow the pen.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ModelSummary } from '../api/api-types';
import { ModeControls } from '../controls/mode-controls';
import { Segmented } from '../controls/segmented';
import { FeedbackForm } from '../feedback/feedback-form';
import { SequenceFeedbackForm } from '../feedback/sequence-feedback-form';
import { InkCanvas } from '../ink/ink-canvas';
import { InkDocument } from '../ink/ink-document';
import { rasterSize, rasterizeInk, type SurfaceSize } from '../ink/rasterize-ink';
import { drawPrompt } from '../models/model-labels';
import { useLivePrediction } from '../predict/use-live-prediction';
import { describeAnswer } from '../results/answer-status';
import { AnswerView } from '../results/answer-view';
import { CharacterBoxes, CharacterList } from '../results/character-boxes';
import { ModelInputPreview } from '../results/model-input-preview';
import type { RecognitionState } from '../recognition/use-recognition';
import { TopPredictions } from '../results/top-predictions';
import { strokeWidths, type Settings } from '../settings/settings';
import { useInkShortcuts } from './use-ink-shortcuts';

interface DrawViewProps {
  readonly model: ModelSummary | null;
  readonly recognition: RecognitionState;
  readonly settings: Settings;
  readonly onSettingsChange: (patch: Partial<Settings>) => void;
}

/** While the pen moves, predict at most this often (the server gets fewer requests). */
const liveDelayMs = { browser: 60, server: 200 } as const;

export function DrawView({ model, recognition, settings, onSettingsChange }: DrawViewProps) {
  const ink = useMemo(() => new InkDocument(), []);
  const [inkState, setInkState] = useState({ version: 0, strokes: 0 });
  const [surface, setSurface] = useState<SurfaceSize>({ width: 0, height: 0 });
  const surfaceRef = useRef(surface);
  const { state, submit, reset } = useLivePrediction();
  const { service } = recognition;
  const sequence = settings.mode === 'sequence';
  useInkShortcuts(ink);

  // What an answer must have been asked with to be the answer for what is on screen now.
  const requestKey = `${service?.site}/${service?.modelId}/${settings.mode}/${settings.charset}`;

  const predict = useCallback(
    (delayMs: number) => {
      if (ink.isEmpty) return reset(ink.version);
      if (!service) return;
      const request = { mode: settings.mode, top: 5, charset: settings.charset };
      const input = () => rasterizeInk(ink.strokes, surfaceRef.current);
      submit({ service, request, tag: ink.version, key: `${ink.version}|${requestKey}`, input }, delayMs);
    },
    [ink, service, settings.mode, settings.charset, requestKey, submit, reset],
  );

  useEffect(
    () =>
      ink.subscribe((change) => {
        if (change === 'extend') return predict(liveDelayMs[service?.site ?? 'browser']);
        setInkState({ version: ink.version, strokes: ink.strokes.length });
        if (change !== 'begin') predict(0);
      }),
    [ink, predict, service],
  );
  // A new recognition site, model or mode answers for the drawing already there.
  useEffect(() => predict(0), [predict]);

  const onResize = useCallback((size: SurfaceSize) => {
    surfaceRef.current = size;
    setSurface(size);
  }, []);

  const result = ink.isEmpty ? null : state.result;
  const answer = describeAnswer(result, ink.isEmpty ? null : state.error, {
    idleHint: drawPrompt(model, sequence),
    loading: !ink.isEmpty && recognition.status === 'loading',
  });
  const fresh = state.key === `${inkState.version}|${requestKey}`;

  return (
    <div className="draw-layout">
      <section className="card canvas-card" aria-labelledby="draw-title">
        <div className="card-head">
          <h2 id="draw-title">Draw</h2>
          <ModeControls
            model={model}
            mode={settings.mode}
            charset={settings.charset}
            onMode={(mode) => onSettingsChange({ mode })}
            onCharset={(charset) => onSettingsChange({ charset })}
          />
        </div>
        <InkCanvas
          ink={ink}
          strokeWidthPx={settings.strokeWidthPx}
          onResize={onResize}
          label={`Drawing area. ${drawPrompt(model, sequence)} Use a mouse, finger or pen. Ctrl+Z undoes, Escape clears.`}
        >
          {sequence && result?.characters && (
            <CharacterBoxes
              characters={result.characters}
              imageWidth={rasterSize(surface).width}
              imageHeight={rasterSize(surface).height}
            />
          )}
          {ink.isEmpty && <p className="canvas-hint">{drawPrompt(model, sequence)}</p>}
          {/* On phones the result card is below the fold: this chip keeps the answer in sight. */}
          {!ink.isEmpty &&
            (answer.status === 'confident' ||
              answer.status === 'unsure' ||
              answer.status === 'not-a-character') && (
              <div className={`canvas-answer ${answer.status}`} aria-hidden="true">
                {answer.headline}
              </div>
            )}
        </InkCanvas>
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={() => ink.undo()}
            disabled={inkState.strokes === 0}
          >
            Undo
          </button>
          <button
            type="button"
            className="button"
            onClick={() => ink.clear()}
            disabled={inkState.strokes === 0}
          >
            Clear
          </button>
          <Segmented
            legend="Pen"
            value={settings.strokeWidthPx}
            options={strokeWidths}
            onChange={(strokeWidthPx) => onSettingsChange({ strokeWidthPx })}
          />
        </div>
      </section>

      <section
        className="card result-card"
        aria-labelledby="result-title"
        data-testid="result"
        data-fresh={String(fresh || ink.isEmpty)}
        data-latency-ms={fresh && state.latencyMs !== null ? state.latencyMs.toFixed(2) : undefined}
      >
        <h2 id="result-title">Prediction</h2>
        <AnswerView answer={answer} />
        {sequence ? (
          <CharacterList characters={result?.characters ?? []} />
        ) : (
          <div className="result-body">
            <TopPredictions
              predictions={result?.predictions ?? []}
              rejected={answer.status === 'not-a-character'}
            />
            <ModelInputPreview image={result?.modelInput} />
          </div>
        )}
        {model && sequence && result?.characters && result.characters.length > 0 && (
          <SequenceFeedbackForm
            modelId={model.id}
            labels={model.labels}
            characters={result.characters}
            getImage={() => rasterizeInk(ink.strokes, surfaceRef.current).toBlob()}
          />
        )}
        {model && !sequence && (
          <FeedbackForm
            modelId={model.id}
            labels={model.labels}
            disabled={ink.isEmpty}
            getImage={() => rasterizeInk(ink.strokes, surfaceRef.current).toBlob()}
          />
        )}
        <p className="result-meta">
          {fresh && state.latencyMs !== null && `${state.latencyMs.toFixed(1)} ms · `}
          {service?.description ?? 'No engine yet'}
        </p>
      </section>
    </div>
  );
}
