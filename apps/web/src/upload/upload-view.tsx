// Upload/Camera: pick, drop, paste or photograph images; each gets its own answer card.
import { useEffect, useId, useState, type DragEvent } from 'react';
import type { ModelSummary } from '../api/api-types';
import { ModeControls } from '../controls/mode-controls';
import type { RecognitionState } from '../recognition/use-recognition';
import type { Settings } from '../settings/settings';
import { CameraPanel } from './camera-panel';
import { imageFilesOf } from './decode-image-file';
import { UploadCard } from './upload-card';
import { useUploadItems } from './use-upload-items';

interface UploadViewProps {
  readonly model: ModelSummary | null;
  readonly recognition: RecognitionState;
  readonly settings: Settings;
  readonly onSettingsChange: (patch: Partial<Settings>) => void;
}

export function UploadView({ model, recognition, settings, onSettingsChange }: UploadViewProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const { mode, charset } = settings;
  const { items, add, remove, clear, answeredKey } = useUploadItems(recognition.service, mode, charset);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = imageFilesOf(event.clipboardData?.files);
      if (files.length === 0) return;
      event.preventDefault();
      void add(files);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [add]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void add(imageFilesOf(event.dataTransfer.files));
  };

  return (
    <div className="upload-layout">
      <div className="upload-sources">
        <section
          className={dragging ? 'card dropzone dragging' : 'card dropzone'}
          aria-labelledby="upload-title"
          data-testid="dropzone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <h2 id="upload-title">Upload images</h2>
          <p>
            Photos or scans of handwriting: one character per image, or a number or word in sequence mode.
          </p>
          <div className="dropzone-mode">
            <ModeControls
              model={model}
              mode={mode}
              charset={charset}
              onMode={(next) => onSettingsChange({ mode: next })}
              onCharset={(next) => onSettingsChange({ charset: next })}
            />
          </div>
          <div className="dropzone-actions">
            <input
              id={inputId}
              className="file-input"
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif"
              multiple
              onChange={(event) => {
                void add(imageFilesOf(event.target.files));
                event.target.value = '';
              }}
            />
            <label htmlFor={inputId} className="button primary">
              Choose images
            </label>
            <span className="dropzone-or">or drop them here, or paste with Ctrl+V</span>
          </div>
        </section>

        <CameraPanel onImages={(files) => void add(files)} />
      </div>

      {items.length > 0 && (
        <section aria-labelledby="upload-results-title">
          <div className="section-head">
            <h2 id="upload-results-title">
              {items.length} image{items.length === 1 ? '' : 's'}
            </h2>
            <button type="button" className="button" onClick={clear}>
              Clear all
            </button>
          </div>
          <ul className="upload-grid">
            {items.map((item) => (
              <UploadCard
                key={item.id}
                item={item}
                model={model}
                current={item.answeredFor === answeredKey}
                onRemove={() => remove(item.id)}
              />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
