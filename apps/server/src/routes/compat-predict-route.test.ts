import { afterEach, describe, expect, it } from 'vitest';
import { blankPng, dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

describe('POST /predict/ (compatibility with the original canvas apps)', () => {
  let test: TestApp | undefined;
  afterEach(async () => {
    await test?.app.close();
    test = undefined;
  });

  const letters = ['a', 'b', 'c', 'A', 'B', 'C'];

  it('reads a data URL posted as text, form-encoded or JSON, and answers from the chars model', async () => {
    test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels), chars: tinyMetadata('chars', letters) },
    });
    const png = await drawingPng();
    const url = dataUrl(png);
    const expected = (
      await test.app.inject({ method: 'POST', url: '/api/models/chars/predict?top=1', payload: png })
    ).json().predictions[0];
    const bodies = [
      { payload: url, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' } },
      { payload: url, headers: { 'content-type': 'text/plain' } },
      {
        payload: `imgBase64=${encodeURIComponent(url)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      { payload: { image: url } },
    ];
    for (const body of bodies) {
      const response = await test.app.inject({ method: 'POST', url: '/predict/', ...body });
      expect(response.statusCode).toBe(200);
      const answer = response.json();
      expect(answer.prediction).toBe(expected.label);
      expect(answer.confidence).toBe(String(expected.confidence * 100).slice(0, 6));
      expect(Number(answer.confidence)).toBeGreaterThan(0);
    }
  });

  it('falls back to the first character model and says nothing for an empty canvas', async () => {
    test = await startTestApp({
      models: {
        photos: tinyMetadata('photos', ['cat', 'dog'], 'image'),
        digits: tinyMetadata('digits', digitLabels),
      },
    });
    const drawn = (
      await test.app.inject({ method: 'POST', url: '/predict/', payload: dataUrl(await drawingPng()) })
    ).json();
    expect(digitLabels).toContain(drawn.prediction);
    const blank = await test.app.inject({
      method: 'POST',
      url: '/predict/',
      payload: dataUrl(await blankPng()),
    });
    expect(blank.json()).toEqual({ prediction: '', confidence: '0' });
  });

  it('answers 404 without a character model and 400 for a body that is no image', async () => {
    test = await startTestApp({ models: { photos: tinyMetadata('photos', ['cat', 'dog'], 'image') } });
    const none = await test.app.inject({
      method: 'POST',
      url: '/predict/',
      payload: dataUrl(await drawingPng()),
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('MODEL_NOT_FOUND');
    await test.app.close();

    test = await startTestApp();
    for (const payload of ['', 'data:image/png;base64,', 'data:image/png;base64,@@@@', '{"image": 5}']) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/predict/',
        payload,
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().error.code, payload).toBe('BAD_USAGE');
    }
    const text = await test.app.inject({ method: 'POST', url: '/predict/', payload: 'just words' });
    expect(text.statusCode).toBe(415);
  });

  it('uses --default-model when given', async () => {
    test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels), chars: tinyMetadata('chars', letters) },
      defaultModelId: 'digits',
    });
    const answer = (
      await test.app.inject({ method: 'POST', url: '/predict/', payload: dataUrl(await drawingPng()) })
    ).json();
    expect(digitLabels).toContain(answer.prediction);
  });
});
