// Drawing samples for a project: draw, then press the label it is (or its key). Pictures
// can be added to a label too. Each sample is stored at once.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useInkShortcuts } from '../draw/use-ink-shortcuts';
import { InkCanvas } from '../ink/ink-canvas';
import { InkDocument } from '../ink/ink-document';
import { rasterizeInk, type SurfaceSize } from '../ink/rasterize-ink';
import { CameraPanel } from '../upload/camera-panel';
import { decodeImageFile, imageFilesOf } from '../upload/decode-image-file';
import type { Sample, SampleSource } from './project-types';
import { sampleFromImageData } from './use-project';

/** The label a key adds to: the label that is that key, else for 1–9 the label in that place. */
export function labelForKey(labels: readonly string[], key: string): string | undefined {
  if (labels.includes(key)) return key;
  const index = Number(key) - 1;
  const keysAreLabels = labels.some((label) => /^[0-9]$/.test(label));
  return !keysAreLabels && Number.isInteger(index) && index >= 0 && index < 9 ? labels[index] : undefined;
}

/** The key that adds to `labels[index]`, for the button's hint. */
function keyFor(labels: readonly string[], index: number): string | undefined {
  const label = labels[index];
  if (label.length === 1 && labelForKey(labels, label) === label) return label;
  return index < 9 && labelForKey(labels, String(index + 1)) === label ? String(index + 1) : undefined;
}

interface SamplePadProps {
  readonly projectId: string;
  readonly labels: readonly string[];
  readonly counts: ReadonlyMap<string, number>;
  readonly onAdd: (samples: readonly Sample[]) => Promise<void>;
  readonly title?: string;
  readonly strokeWidthPx: number;
}

export function SamplePad({
  projectId,
  labels,
  counts,
  onAdd,
  title = 'Draw samples',
  strokeWidthPx,
}: SamplePadProps) {
  const ids = useId();
  const ink = useMemo(() => new InkDocument(), []);
  const [hasInk, setHasInk] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [uploadLabel, setUploadLabel] = useState(labels[0] ?? '');
  const [camera, setCamera] = useState(false);
  const surfaceRef = useRef<SurfaceSize>({ width: 0, height: 0 });
  useInkShortcuts(ink);
  useEffect(() => ink.subscribe(() => setHasInk(!ink.isEmpty)), [ink]);
  const onResize = useCallback((size: SurfaceSize) => (surfaceRef.current = size), []);

  const toSample = useCallback(
    (label: string, imageData: ImageData, source: SampleSource) =>
      sampleFromImageData(projectId, label, imageData, source),
    [projectId],
  );

  const addDrawing = useCallback(
    async (label: string) => {
      if (ink.isEmpty) return setMessage('Draw the symbol first, then press its label.');
      const { imageData } = rasterizeInk(ink.strokes, surfaceRef.current);
      ink.clear();
      await onAdd([await toSample(label, imageData, 'drawn')]);
      setMessage(`Added a sample of “${label}”.`);
    },
    [ink, onAdd, toSample],
  );

  // A key that is a label adds the drawing to it (digits, letters); otherwise keys 1–9 pick the
  // first nine labels (symbols such as ✓ have no key).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, select, textarea') || event.ctrlKey || event.metaKey || event.altKey)
        return;
      const label = labelForKey(labels, event.key);
      if (label !== undefined && !ink.isEmpty) {
        event.preventDefault();
        void addDrawing(label);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [addDrawing, ink, labels]);

  const addPictures = async (files: readonly File[], source: 'upload' | 'camera') => {
    const problems: string[] = [];
    const samples: Sample[] = [];
    for (const file of files) {
      try {
        samples.push(await toSample(uploadLabel, await decodeImageFile(file, file.name), source));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    await onAdd(samples);
    const added = samples.length;
    setMessage(
      [`Added ${added} picture${added === 1 ? '' : 's'} to “${uploadLabel}”.`, ...problems].join(' '),
    );
  };

  return (
    <section className="card canvas-card" aria-labelledby={`${ids}-title`} data-testid="sample-pad">
      <h2 id={`${ids}-title`}>{title}</h2>
      <InkCanvas
        ink={ink}
        strokeWidthPx={strokeWidthPx}
        onResize={onResize}
        label="Sample drawing area. Draw one symbol, then press its label button or number key."
      >
        {!hasInk && <p className="canvas-hint">Draw one symbol, then press its label.</p>}
      </InkCanvas>
      <div className="toolbar label-buttons" role="group" aria-label="Add the drawing as">
        {labels.map((label, index) => (
          <button
            key={label}
            type="button"
            className="button"
            disabled={!hasInk}
            onClick={() => void addDrawing(label)}
            aria-keyshortcuts={keyFor(labels, index)}
            data-label={label}
          >
            Add as {label} <span className="muted">({counts.get(label) ?? 0})</span>
          </button>
        ))}
        <button type="button" className="button" disabled={!hasInk} onClick={() => ink.clear()}>
          Clear
        </button>
      </div>
      <div className="toolbar">
        <label className="field inline">
          <span>Add pictures or camera shots to</span>
          <select value={uploadLabel} onChange={(event) => setUploadLabel(event.target.value)}>
            {labels.map((label) => (
              <option key={label}>{label}</option>
            ))}
          </select>
        </label>
        <input
          type="file"
          accept="image/*"
          multiple
          aria-label="Picture files"
          onChange={(event) => {
            const files = imageFilesOf(event.target.files);
            event.target.value = '';
            void addPictures(files, 'upload');
          }}
        />
        <button type="button" className="button" aria-expanded={camera} onClick={() => setCamera(!camera)}>
          {camera ? 'Close the camera' : 'Camera…'}
        </button>
      </div>
      {camera && <CameraPanel onImages={(files) => void addPictures(files, 'camera')} />}
      <p className="muted" role="status" data-testid="sample-status">
        {message ?? 'A label’s own key (or 1–9 for the first nine symbols) adds the drawing to it.'}
      </p>
    </section>
  );
}
