import { describe, expect, it } from 'vitest';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

describe('GET /api/models', () => {
  it('lists the served models with their labels, input and metrics, sorted by id', async () => {
    const test = await startTestApp({
      models: { z: tinyMetadata('digits', digitLabels), a: tinyMetadata('letters', ['a', 'b']) },
    });
    const response = await test.app.inject('/api/models');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      {
        id: 'digits',
        version: 1,
        versions: [1],
        name: 'Tiny digits',
        task: 'character',
        labels: digitLabels,
        input: { width: 28, height: 28, channels: 1 },
        metrics: { accuracy: 0.5 },
      },
      expect.objectContaining({ id: 'letters', labels: ['a', 'b'] }),
    ]);
    await test.app.close();
  });
});
