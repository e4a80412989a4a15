// The device camera as React state: start asks for it (the rear camera on phones), stop and unmount
// release it, so the camera light goes off as soon as the user closes it or leaves the view.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  cameraProblemBeforeStart,
  cameraProblemMessage,
  cameraProblemOf,
  type CameraProblem,
} from './camera-problems';

export type CameraState =
  | { readonly status: 'off' }
  | { readonly status: 'starting' }
  | { readonly status: 'on'; readonly stream: MediaStream }
  | { readonly status: 'error'; readonly problem: CameraProblem; readonly message: string };

/** Rear camera when there is one (phones), any camera otherwise (laptops have only a front one). */
const constraints: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
};

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export function useCamera() {
  const [state, setState] = useState<CameraState>({ status: 'off' });
  // Bumped by every start and stop: a getUserMedia answer arriving after a stop is released at once.
  const attemptRef = useRef(0);
  const streamRef = useRef<MediaStream | null>(null);

  const release = useCallback(() => {
    attemptRef.current += 1;
    if (streamRef.current) stopStream(streamRef.current);
    streamRef.current = null;
  }, []);

  const start = useCallback(async () => {
    release();
    const attempt = attemptRef.current;
    const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
    const before = cameraProblemBeforeStart({
      isSecureContext: window.isSecureContext,
      hasGetUserMedia: typeof mediaDevices?.getUserMedia === 'function',
    });
    if (before || !mediaDevices) {
      const problem = before ?? 'unsupported';
      setState({ status: 'error', problem, message: cameraProblemMessage(problem) });
      return;
    }
    setState({ status: 'starting' });
    try {
      const stream = await mediaDevices.getUserMedia(constraints);
      if (attempt !== attemptRef.current) {
        stopStream(stream);
        return;
      }
      streamRef.current = stream;
      setState({ status: 'on', stream });
    } catch (error) {
      if (attempt !== attemptRef.current) return;
      const problem = cameraProblemOf(error);
      const detail = error instanceof Error ? error.message : String(error);
      setState({ status: 'error', problem, message: cameraProblemMessage(problem, detail) });
    }
  }, [release]);

  const stop = useCallback(() => {
    release();
    setState({ status: 'off' });
  }, [release]);

  useEffect(() => release, [release]);

  return { state, start, stop };
}
