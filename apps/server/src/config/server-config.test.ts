import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseByteSize } from './byte-size';
import { parseServerConfig } from './server-config';

describe('parseServerConfig', () => {
  it('has safe defaults: loopback only, 5 MB bodies, no CORS', () => {
    const config = parseServerConfig([], {}, '/srv');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      bodyLimitBytes: 5 * 1024 * 1024,
      corsOrigins: [],
    });
    expect(config.feedbackDir).toBe(path.resolve('/srv', 'data/feedback'));
    expect(config.modelsDir).toMatch(/models$/);
    expect(config.reviewFolder).toBeNull();
  });

  it('reads version pins (repeatable, or comma-separated in $GLYPH_MODEL_VERSION) and the poll interval', () => {
    const defaults = parseServerConfig([], {}, '/srv');
    expect(defaults.pinnedVersions).toEqual(new Map());
    expect(defaults.modelPollSeconds).toBe(2);
    const flags = [
      '--model-version',
      'digits=2',
      '--model-version',
      'letters=3',
      '--model-poll-seconds',
      '0',
    ];
    expect(parseServerConfig(flags, {}, '/srv')).toMatchObject({
      pinnedVersions: new Map([
        ['digits', 2],
        ['letters', 3],
      ]),
      modelPollSeconds: 0,
    });
    expect(parseServerConfig([], { GLYPH_MODEL_VERSION: 'chars=4' }, '/srv').pinnedVersions).toEqual(
      new Map([['chars', 4]]),
    );
    expect(() => parseServerConfig(['--model-version', 'digits'], {}, '/srv')).toThrow(
      /--model-version .* expected <model>=<version> such as digits=2, got "digits"/,
    );
    expect(() => parseServerConfig(['--model-version', 'digits=1,digits=2'], {}, '/srv')).toThrow(
      /pinned twice/,
    );
  });

  it('reads --feedback-store (or $GLYPH_FEEDBACK_STORE): a postgres:// URL, or a folder that replaces --feedback-dir', () => {
    const url = 'postgres://glyph:secret@db:5432/glyph';
    expect(parseServerConfig(['--feedback-store', url], {}, '/srv')).toMatchObject({
      feedbackStore: url,
      feedbackDir: path.resolve('/srv', 'data/feedback'),
    });
    expect(parseServerConfig([], { GLYPH_FEEDBACK_STORE: 'postgresql://db/x' }, '/srv').feedbackStore).toBe(
      'postgresql://db/x',
    );
    expect(
      parseServerConfig(['--feedback-store', 'fb', '--feedback-dir', 'other'], {}, '/srv'),
    ).toMatchObject({
      feedbackStore: null,
      feedbackDir: path.resolve('/srv', 'fb'),
    });
    expect(parseServerConfig([], {}, '/srv').feedbackStore).toBeNull();
  });

  it('reads a review folder from --review-folder or $GLYPH_REVIEW_FOLDER, relative to cwd', () => {
    expect(parseServerConfig(['--review-folder', 'data/digits'], {}, '/srv').reviewFolder).toBe(
      path.resolve('/srv', 'data/digits'),
    );
    expect(parseServerConfig([], { GLYPH_REVIEW_FOLDER: '/d' }, '/srv').reviewFolder).toBe('/d');
  });

  it('lets flags win over environment variables and resolves paths against cwd', () => {
    const env = { GLYPH_PORT: '4000', PORT: '5000', GLYPH_HOST: '0.0.0.0', GLYPH_CORS: 'https://a.example' };
    const config = parseServerConfig(
      [
        '--port',
        '4100',
        '--models',
        'm',
        '--cors',
        'https://b.example, https://c.example',
        '--body-limit',
        '512kb',
        '--web-dir',
        '',
      ],
      env,
      '/srv',
    );
    expect(config).toMatchObject({
      port: 4100,
      host: '0.0.0.0',
      modelsDir: path.resolve('/srv/m'),
      corsOrigins: ['https://b.example', 'https://c.example'],
      bodyLimitBytes: 512 * 1024,
      webDir: null,
    });
    expect(parseServerConfig([], { PORT: '5000' }, '/').port).toBe(5000);
  });

  it('keeps model uploads off unless --allow-model-uploads (or its variable) turns them on', () => {
    expect(parseServerConfig([], {}, '/')).toMatchObject({
      allowModelUploads: false,
      modelUploadLimitBytes: 32 * 1024 * 1024,
    });
    expect(
      parseServerConfig(['--allow-model-uploads', '--model-upload-limit', '8mb'], {}, '/'),
    ).toMatchObject({ allowModelUploads: true, modelUploadLimitBytes: 8 * 1024 * 1024 });
    expect(parseServerConfig([], { GLYPH_ALLOW_MODEL_UPLOADS: '1' }, '/').allowModelUploads).toBe(true);
    expect(() => parseServerConfig([], { GLYPH_ALLOW_MODEL_UPLOADS: 'yes' }, '/')).toThrow(
      /--allow-model-uploads \(or \$GLYPH_ALLOW_MODEL_UPLOADS\) is invalid/,
    );
  });

  it('rejects bad values and unknown flags with BAD_USAGE naming the setting', () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'http'], /--port/],
      [['--port', '70000'], /--port/],
      [['--body-limit', 'lots'], /--body-limit/],
      [['--max-pixels', '0'], /--max-pixels/],
      [['--log-level', 'loud'], /--log-level/],
      [['--colour', 'red'], /Known flags/],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseServerConfig(argv, {}, '/')).toThrow(
        expect.objectContaining({ code: 'BAD_USAGE', message: expect.stringMatching(message) }),
      );
    }
  });
});

describe('parseByteSize', () => {
  it('reads sizes with binary units', () => {
    expect(['5mb', '5MB', '512kb', '1000', '1.5m', '2 GB', '10b'].map(parseByteSize)).toEqual([
      5242880, 5242880, 524288, 1000, 1572864, 2147483648, 10,
    ]);
    expect(['', 'mb', '-1kb', '5tb', 'five'].map(parseByteSize)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
