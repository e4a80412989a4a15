// Camera: a live preview with a capture button, or a phone's own camera app through "Take a photo".
// Every capture is handed on as an image file, so it is read exactly like an uploaded one.
import { useEffect, useId, useRef, useState } from 'react';
import { imageFilesOf } from './decode-image-file';
import { captureFrame } from './capture-frame';
import { useCamera } from './use-camera';

interface CameraPanelProps {
  readonly onImages: (files: readonly File[]) => void;
}

export function CameraPanel({ onImages }: CameraPanelProps) {
  const photoInputId = useId();
  const { state, start, stop } = useCamera();
  const videoRef = useRef<HTMLVideoElement>(null);
  const captureRef = useRef<HTMLButtonElement>(null);
  const [ready, setReady] = useState(false);
  const [captureError, setCaptureError] = useState<string | null>(null);
  const stream = state.status === 'on' ? state.stream : null;

  useEffect(() => {
    const video = videoRef.current;
    setReady(false);
    if (!video || !stream) return;
    video.srcObject = stream;
    return () => {
      video.srcObject = null;
    };
  }, [stream]);

  // Keyboard users land on the button they came for, once it can be pressed.
  useEffect(() => {
    if (ready) captureRef.current?.focus();
  }, [ready]);

  const capture = async () => {
    if (!videoRef.current) return;
    setCaptureError(null);
    try {
      onImages([await captureFrame(videoRef.current)]);
    } catch (error) {
      setCaptureError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="card camera-panel" aria-labelledby="camera-title" data-testid="camera-panel">
      <h2 id="camera-title">Camera</h2>
      <p>Hold the paper flat and fill the frame with the writing, then capture.</p>
      <div className="camera-actions">
        {stream ? (
          <>
            <button
              ref={captureRef}
              type="button"
              className="button primary"
              disabled={!ready}
              onClick={() => void capture()}
            >
              Capture
            </button>
            <button type="button" className="button" onClick={stop}>
              Close camera
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={state.status === 'starting'}
            onClick={() => void start()}
          >
            {state.status === 'starting' ? 'Starting camera…' : 'Use camera'}
          </button>
        )}
        <input
          id={photoInputId}
          className="file-input"
          type="file"
          accept="image/*"
          capture="environment"
          onChange={(event) => {
            onImages(imageFilesOf(event.target.files));
            event.target.value = '';
          }}
        />
        <label htmlFor={photoInputId} className="button">
          Take a photo
        </label>
      </div>
      {state.status === 'error' && (
        <p
          className="error-text camera-message"
          role="alert"
          data-testid="camera-error"
          data-problem={state.problem}
        >
          {state.message}
        </p>
      )}
      {captureError && (
        <p className="error-text camera-message" role="alert">
          {captureError}
        </p>
      )}
      {stream && (
        <div className="camera-frame">
          <video
            ref={videoRef}
            className="camera-video"
            data-testid="camera-video"
            data-ready={String(ready)}
            aria-label="Live camera preview"
            autoPlay
            playsInline
            muted
            onLoadedData={() => setReady(true)}
          />
        </div>
      )}
    </section>
  );
}
