import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRealModelFolder } from '../test-support/real-model-folder';
import { digitLabels, drawingPng, startTestApp, tinyMetadata } from '../test-support/test-app';
import { ModelFolderReloader } from './model-folder-reloader';

describe('ModelFolderReloader', () => {
  it('serves new folders, replaces changed ones, leaves unchanged ones, and keeps a model whose new files fail', async () => {
    const test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels), letters: tinyMetadata('letters', ['a', 'b']) },
    });
    const { registry, options } = test.context;
    const reloader = new ModelFolderReloader(registry, options.modelsDir, test.app.log);
    const lettersBefore = registry.require('letters');

    expect(await reloader.reload()).toEqual({ added: [], replaced: [], unchanged: 2, failed: [] });

    // digits gets new weights and labels; a new folder appears; letters' metadata breaks.
    const digitsFolder = path.join(options.modelsDir, 'digits');
    await writeRealModelFolder(digitsFolder, { ...tinyMetadata('digits', digitLabels), name: 'Digits v2' });
    await writeRealModelFolder(path.join(options.modelsDir, 'shapes'), tinyMetadata('shapes', ['o', 'x']));
    await writeFile(path.join(options.modelsDir, 'letters', 'metadata.json'), '{ not json');
    // A folder claiming an id another folder serves is refused, as at start.
    await writeRealModelFolder(path.join(options.modelsDir, 'zz-copy'), tinyMetadata('digits', digitLabels));

    const report = await reloader.reload();
    expect(report.added).toEqual(['shapes']);
    expect(report.replaced).toEqual(['digits']);
    expect(report.failed.map((failure) => path.basename(failure.folder))).toEqual(['letters', 'zz-copy']);
    expect(registry.require('digits').recognizer.metadata.name).toBe('Digits v2');
    expect(registry.require('digits').folder).toBe(digitsFolder);
    expect(registry.require('letters')).toBe(lettersBefore);

    // The replaced and added models answer.
    for (const id of ['digits', 'shapes']) {
      const response = await test.app.inject({
        method: 'POST',
        url: `/api/models/${id}/predict`,
        payload: await drawingPng(),
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    // Failed folders are tried again on the next reload (they were not marked as read).
    expect((await reloader.reload()).failed).toHaveLength(2);
    await test.app.close();
  });
});
