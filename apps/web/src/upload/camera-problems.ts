// Why the camera cannot be used, in words a user can act on. Pure, so every case is unit-tested
// without a camera; the hook only feeds it the platform facts and the error getUserMedia threw.

export type CameraProblem =
  'insecure-context' | 'unsupported' | 'permission-denied' | 'no-camera' | 'camera-busy' | 'failed';

export interface CameraPlatform {
  /** `window.isSecureContext`: getUserMedia exists only on https and on localhost. */
  readonly isSecureContext: boolean;
  /** Whether `navigator.mediaDevices.getUserMedia` is a function. */
  readonly hasGetUserMedia: boolean;
}

/** The problem known before asking for the camera, or null when it is worth asking. */
export function cameraProblemBeforeStart(platform: CameraPlatform): CameraProblem | null {
  if (platform.hasGetUserMedia) return null;
  return platform.isSecureContext ? 'unsupported' : 'insecure-context';
}

/** Maps a getUserMedia rejection (a DOMException name) to a problem. */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera-busy';
    default:
      return 'failed';
  }
}

const useUploadInstead = 'You can still choose, drop or paste an image, or use “Take a photo”.';

/** What happened and what to do about it. */
export function cameraProblemMessage(problem: CameraProblem, detail?: string): string {
  switch (problem) {
    case 'insecure-context':
      return `The camera needs a secure page: browsers allow it only over https or on localhost, and this page is served over plain http. Open Glyph over https (or on localhost). ${useUploadInstead}`;
    case 'unsupported':
      return `This browser does not let web pages use a camera. ${useUploadInstead}`;
    case 'permission-denied':
      return `Camera permission was denied. Allow the camera for this site in the browser’s address bar or settings and try again. ${useUploadInstead}`;
    case 'no-camera':
      return `No camera was found on this device. Connect one and try again. ${useUploadInstead}`;
    case 'camera-busy':
      return `The camera could not be started: another application may be using it. Close it and try again. ${useUploadInstead}`;
    case 'failed':
      return `The camera could not be started${detail ? ` (${detail})` : ''}. ${useUploadInstead}`;
  }
}
