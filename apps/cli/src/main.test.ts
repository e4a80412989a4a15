import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io';
import { main } from './main';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

describe('glyph main', () => {
  it('exits 2 with a message on an unknown command', async () => {
    const io = captureIo();
    expect(await main(['no-such-command'], io)).toBe(2);
    expect(io.stderr).toMatch(/^error: /);
  });

  it('prints help and exits 0', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/Usage: glyph/);
  });
});
