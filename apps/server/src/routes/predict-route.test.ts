import * as tf from '@tensorflow/tfjs';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankPng, dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Three separate vertical strokes on white: a three-character sequence. */
async function threeStrokesPng(): Promise<Buffer> {
  const bars = [60, 180, 300]
    .map((x) => `<rect x="${x}" y="30" width="16" height="100" fill="black"/>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="380" height="160"><rect width="100%" height="100%" fill="white"/>${bars}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

function multipart(field: string, bytes: Buffer, contentType = 'image/png') {
  const boundary = '----glyphtest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="x.png"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /api/models/:id/predict', () => {
  let test: TestApp;
  let png: Buffer;
  let tensorsBefore: number;

  beforeAll(async () => {
    test = await startTestApp();
    png = await drawingPng();
    tensorsBefore = tf.memory().numTensors;
  });
  afterAll(async () => {
    await test.app.close();
  });

  const predict = (query = '') => `/api/models/digits/predict${query}`;

  it('answers raw bytes whatever the Content-Type claims', async () => {
    const answers = [];
    for (const type of [
      'image/png',
      'application/octet-stream',
      'application/json',
      'text/plain',
      'image/jpeg',
    ]) {
      const response = await test.app.inject({
        method: 'POST',
        url: predict(),
        payload: png,
        headers: { 'content-type': type },
      });
      expect(response.statusCode, type).toBe(200);
      answers.push(response.json());
    }
    const body = answers[0];
    expect(body.model).toBe('digits');
    expect(body.empty).toBe(false);
    expect(body.predictions).toHaveLength(5);
    expect(body.predictions[0].confidence).toBeGreaterThanOrEqual(body.predictions[1].confidence);
    expect(typeof body.timingMs).toBe('number');
    for (const answer of answers) expect(answer.predictions).toEqual(body.predictions);
  });

  it('answers the same image sent as multipart field "image" and as a JSON data URL', async () => {
    const raw = (await test.app.inject({ method: 'POST', url: predict(), payload: png })).json();
    const form = await test.app.inject({ method: 'POST', url: predict(), ...multipart('image', png) });
    const json = await test.app.inject({ method: 'POST', url: predict(), payload: { image: dataUrl(png) } });
    expect(form.statusCode).toBe(200);
    expect(json.statusCode).toBe(200);
    expect(form.json().predictions).toEqual(raw.predictions);
    expect(json.json().predictions).toEqual(raw.predictions);
  });

  it('honours top, debug and sequence', async () => {
    const top2 = (await test.app.inject({ method: 'POST', url: predict('?top=2'), payload: png })).json();
    expect(top2.predictions).toHaveLength(2);
    expect(top2.input).toBeUndefined();
    const debug = (await test.app.inject({ method: 'POST', url: predict('?debug=1'), payload: png })).json();
    expect(debug.input).toMatch(/^data:image\/png;base64,iVBOR/);
    const sequence = (
      await test.app.inject({
        method: 'POST',
        url: predict('?sequence=1&top=3'),
        payload: await threeStrokesPng(),
      })
    ).json();
    expect(sequence.characters).toHaveLength(3);
    type Character = { box: { x: number; width: number }; predictions: { label: string }[] };
    const characters: Character[] = sequence.characters;
    expect(sequence.text).toBe(characters.map((character) => character.predictions[0].label).join(''));
    const boxes = characters.map((character) => character.box);
    expect(boxes[0].x + boxes[0].width).toBeLessThanOrEqual(boxes[1].x);
    expect(boxes[1].x + boxes[1].width).toBeLessThanOrEqual(boxes[2].x);
    expect(characters[0].predictions).toHaveLength(3);
  });

  it('flags several characters posted in single-character mode, and only then', async () => {
    const several = (
      await test.app.inject({ method: 'POST', url: predict(), payload: await threeStrokesPng() })
    ).json();
    expect(several.rejected).toEqual({
      reason: 'several-characters',
      hint: expect.stringMatching(/sequence mode/),
    });
    // The model's reading stays in the answer beside the flag.
    expect(several.predictions.length).toBeGreaterThan(0);
    const single = (await test.app.inject({ method: 'POST', url: predict(), payload: png })).json();
    expect(single.empty).toBe(false);
    expect(single).not.toHaveProperty('rejected');
  });

  it('says "empty" for a blank canvas instead of guessing', async () => {
    const body = (
      await test.app.inject({ method: 'POST', url: predict(), payload: await blankPng() })
    ).json();
    expect(body).toMatchObject({ empty: true, predictions: [] });
  });

  it('rejects bad input with the right status and code, never a 500', async () => {
    const truncated = png.subarray(0, 100);
    const zeroSized = Buffer.from(png);
    zeroSized.fill(0, 16, 24); // IHDR width and height
    const cases: [string, InjectOptions, number, string][] = [
      [
        'unknown model',
        { method: 'POST', url: '/api/models/nope/predict', payload: png },
        404,
        'MODEL_NOT_FOUND',
      ],
      ['top=0', { method: 'POST', url: predict('?top=0'), payload: png }, 400, 'BAD_USAGE'],
      ['top=abc', { method: 'POST', url: predict('?top=abc'), payload: png }, 400, 'BAD_USAGE'],
      ['sequence=maybe', { method: 'POST', url: predict('?sequence=maybe'), payload: png }, 400, 'BAD_USAGE'],
      ['no body', { method: 'POST', url: predict() }, 400, 'BAD_USAGE'],
      [
        'not an image',
        { method: 'POST', url: predict(), payload: Buffer.from('hello world') },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      ['truncated png', { method: 'POST', url: predict(), payload: truncated }, 422, 'IMAGE_UNDECODABLE'],
      ['0×0 png', { method: 'POST', url: predict(), payload: zeroSized }, 422, 'IMAGE_EMPTY'],
      [
        'bad JSON',
        {
          method: 'POST',
          url: predict(),
          payload: '{"image": ',
          headers: { 'content-type': 'application/json' },
        },
        400,
        'BAD_USAGE',
      ],
      ['JSON without image', { method: 'POST', url: predict(), payload: { picture: 'x' } }, 400, 'BAD_USAGE'],
      [
        'not a data URL',
        { method: 'POST', url: predict(), payload: { image: 'http://example.com/x.png' } },
        400,
        'BAD_USAGE',
      ],
      [
        'multipart without image',
        { method: 'POST', url: predict(), ...multipart('photo', png) },
        400,
        'BAD_USAGE',
      ],
      ['GET on predict', { method: 'GET', url: predict() }, 404, 'ROUTE_NOT_FOUND'],
    ];
    for (const [name, request, status, code] of cases) {
      const response = await test.app.inject(request);
      expect(response.statusCode, name).toBe(status);
      expect(response.json(), name).toEqual({ error: { code, message: expect.any(String) } });
    }
  });

  it('holds no tensors after serving', () => {
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});

describe('predict limits', () => {
  it('answers 413 PAYLOAD_TOO_LARGE above the body limit, raw or multipart', async () => {
    const test = await startTestApp({ bodyLimitBytes: 10_000 });
    const big = Buffer.concat([await drawingPng(), Buffer.alloc(20_000)]);
    const raw = await test.app.inject({ method: 'POST', url: '/api/models/digits/predict', payload: big });
    expect(raw.statusCode).toBe(413);
    expect(raw.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const form = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      ...multipart('image', big),
    });
    expect(form.statusCode).toBe(413);
    expect(form.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    await test.app.close();
  });

  it('answers 422 IMAGE_TOO_LARGE above the pixel budget', async () => {
    const test = await startTestApp({ maxPixels: 100 * 100 });
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      payload: await drawingPng(280),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('IMAGE_TOO_LARGE');
    await test.app.close();
  });
});
