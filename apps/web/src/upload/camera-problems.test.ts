import { describe, expect, it } from 'vitest';
import { cameraProblemBeforeStart, cameraProblemMessage, cameraProblemOf } from './camera-problems';

describe('camera problems', () => {
  it('asks for the camera only when getUserMedia exists, and says why not otherwise', () => {
    expect(cameraProblemBeforeStart({ isSecureContext: true, hasGetUserMedia: true })).toBeNull();
    expect(cameraProblemBeforeStart({ isSecureContext: false, hasGetUserMedia: false })).toBe(
      'insecure-context',
    );
    expect(cameraProblemBeforeStart({ isSecureContext: true, hasGetUserMedia: false })).toBe('unsupported');
  });

  it('maps getUserMedia rejections by their DOMException name', () => {
    const rejection = (name: string) => new DOMException('message from the browser', name);
    expect(cameraProblemOf(rejection('NotAllowedError'))).toBe('permission-denied');
    expect(cameraProblemOf(rejection('SecurityError'))).toBe('permission-denied');
    expect(cameraProblemOf(rejection('NotFoundError'))).toBe('no-camera');
    expect(cameraProblemOf(rejection('OverconstrainedError'))).toBe('no-camera');
    expect(cameraProblemOf(rejection('NotReadableError'))).toBe('camera-busy');
    expect(cameraProblemOf(new TypeError('bad constraints'))).toBe('failed');
    expect(cameraProblemOf('a string')).toBe('failed');
  });

  it('every message says what happened and points to the other ways in', () => {
    const problems = [
      'insecure-context',
      'unsupported',
      'permission-denied',
      'no-camera',
      'camera-busy',
      'failed',
    ] as const;
    for (const problem of problems) expect(cameraProblemMessage(problem)).toMatch(/choose, drop or paste/);
    expect(cameraProblemMessage('insecure-context')).toMatch(/https/);
    expect(cameraProblemMessage('permission-denied')).toMatch(/denied/);
    expect(cameraProblemMessage('no-camera')).toMatch(/No camera/);
    expect(cameraProblemMessage('failed', 'boom')).toMatch(/\(boom\)/);
  });
});
