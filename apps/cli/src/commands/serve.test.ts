import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverFlags } from '@glyph/server/options';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io';
import { main } from '../main';
import { registerServeCommand, runServe, toServerArgs } from './serve';

function captureIo(): CliIo & { stderr: string } {
  const io = { stderr: '', out: () => {}, err: (text: string) => void (io.stderr += text) };
  return io;
}

describe('glyph serve', () => {
  it('passes the given flags through to the server entry, and only those', () => {
    expect(toServerArgs({ port: '0', feedbackDir: 'fb', bodyLimit: '1mb', host: undefined })).toEqual([
      '--port',
      '0',
      '--feedback-dir',
      'fb',
      '--body-limit',
      '1mb',
    ]);
    expect(toServerArgs({ allowModelUploads: true, modelUploadLimit: '8mb' })).toEqual([
      '--allow-model-uploads',
      '--model-upload-limit',
      '8mb',
    ]);
    expect(toServerArgs({ allowModelUploads: false })).toEqual([]);
    // Commander reads `--no-auth` as `auth: false` (and defaults `auth` to true).
    expect(toServerArgs({ auth: false, apiKeys: 'keys.txt', predictAuth: true })).toEqual([
      '--api-keys',
      'keys.txt',
      '--no-auth',
      '--predict-auth',
    ]);
    expect(toServerArgs({ auth: true })).toEqual([]);
    // A repeatable flag arrives as a list and is passed once per value.
    expect(toServerArgs({ modelVersion: ['digits=2', 'letters=3'], modelPollSeconds: '0' })).toEqual([
      '--model-version',
      'digits=2',
      '--model-version',
      'letters=3',
      '--model-poll-seconds',
      '0',
    ]);
  });

  it('accepts every flag of the server, lists it in its help with its variables, and passes it through', () => {
    const program = new Command();
    registerServeCommand(program, captureIo());
    const serve = program.commands.find((command) => command.name() === 'serve')!;
    const argv = serverFlags.flatMap(({ name, kind, repeatable }) => {
      if (kind === 'switch') return [`--${name}`];
      return repeatable ? [`--${name}`, 'a=1', `--${name}`, 'b=2'] : [`--${name}`, `${name} value`];
    });
    expect(serverFlags.length).toBeGreaterThan(30);
    const { operands, unknown } = serve.parseOptions(argv);
    expect([operands, unknown]).toEqual([[], []]);
    expect(toServerArgs(serve.opts())).toEqual(argv);
    const help = serve.helpInformation();
    for (const flag of serverFlags) {
      expect(help).toContain(`--${flag.name}`);
      expect(help).toContain(`$${flag.env}`);
    }
  });

  it('runs the server as a child process and stops it gracefully', async () => {
    const models = await mkdtemp(path.join(tmpdir(), 'glyph-serve-models-'));
    const io = captureIo();
    const stop = new AbortController();
    let health: unknown;
    await runServe(['--port', '0', '--models', models, '--web-dir', '', '--log-level', 'warn'], io, {
      signal: stop.signal,
      onListening: (url) => {
        void fetch(`${url}/healthz`)
          .then((response) => response.json())
          .then((body) => (health = body))
          .finally(() => stop.abort());
      },
    });
    expect(health).toEqual({ status: 'ok' });
    expect(io.stderr).toMatch(/Glyph is serving at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('exits with the code of a server start-up error, printed once', async () => {
    const io = captureIo();
    const code = await main(['serve', '--models', path.join(tmpdir(), 'no-such-glyph-models')], io);
    expect(code).toBe(1);
    expect(io.stderr.match(/error \[MODEL_NOT_FOUND\]/g)).toHaveLength(1);
  });

  it('refuses to start when its feedback database cannot be reached, and never prints the password', async () => {
    const models = await mkdtemp(path.join(tmpdir(), 'glyph-serve-models-'));
    const io = captureIo();
    const url = 'postgres://glyph:s3cret@127.0.0.1:1/glyph';
    const code = await main(
      [
        'serve',
        '--port',
        '0',
        '--models',
        models,
        '--web-dir',
        '',
        '--log-level',
        'warn',
        '--feedback-store',
        url,
      ],
      io,
    );
    expect(code).toBe(1);
    expect(io.stderr).toMatch(
      /^error \[FEEDBACK_STORE_UNAVAILABLE\]: Cannot reach the feedback store postgres:\/\/glyph:\*\*\*@127\.0\.0\.1:1\/glyph /,
    );
    expect(io.stderr).not.toContain('s3cret');
  });
});
