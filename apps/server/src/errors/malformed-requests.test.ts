import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl, drawingPng } from '@glyph/testkit/png-fixtures';
import { startTestApp } from '../test-support/test-app';
import { filePart, malformedMultipart, oversizedTextField } from '@glyph/testkit/hostile-requests';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

const imageRoutes = ['/api/models/digits/predict', '/predict/'];

describe('malformed multipart bodies', () => {
  let test: TestApp;
  let png: Buffer;
  beforeAll(async () => {
    test = await startTestApp();
    png = await drawingPng();
  });
  afterAll(() => test.app.close());

  for (const name of Object.keys(malformedMultipart(Buffer.alloc(0)))) {
    it(`with ${name}: 400 BAD_USAGE on every image route`, async () => {
      const { contentType, payload } = malformedMultipart(png)[name];
      for (const url of imageRoutes) {
        const response = await test.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': contentType },
          payload,
        });
        expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
        expect(response.json().error.code).toBe('BAD_USAGE');
      }
    });
  }

  it('a well-formed multipart body is still read (200)', async () => {
    const payload = Buffer.concat([filePart('XYZ', png), Buffer.from('\r\n--XYZ--\r\n')]);
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('a text field over the field limit is refused whole with 413, not truncated into a 415', async () => {
    const { contentType, payload } = oversizedTextField();
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      headers: { 'content-type': contentType },
      payload,
    });
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(response.json().error.message).toMatch(/field/);
  });

  it('a small text field holding a data URL is still read (200)', async () => {
    const payload = Buffer.from(
      `--XYZ\r\nContent-Disposition: form-data; name="image"\r\n\r\n${dataUrl(png)}\r\n--XYZ--\r\n`,
    );
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('strict JSON bodies', () => {
  let test: TestApp;
  let image: string;
  beforeAll(async () => {
    test = await startTestApp();
    image = dataUrl(await drawingPng());
  });
  afterAll(() => test.app.close());

  const wrongTypes: Record<string, Record<string, unknown>> = {
    'a number label': { model: 'digits', label: 7 },
    'an array label': { model: 'digits', label: ['7'] },
    'a boolean label': { model: 'digits', label: true },
    'an array model': { model: ['digits'], label: '7' },
    'a null label': { model: 'digits', label: null },
  };
  for (const [name, fields] of Object.entries(wrongTypes)) {
    it(`feedback with ${name} is 400 BAD_USAGE`, async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/feedback',
        payload: { ...fields, image },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('BAD_USAGE');
      expect(response.json().error.message).toMatch(/body/);
    });
  }

  it('a string label is stored (201), and query strings are still read as numbers', async () => {
    const stored = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      payload: { model: 'digits', label: '7', image },
    });
    expect(stored.statusCode, stored.body).toBe(201);
    const predicted = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict?top=2',
      payload: await drawingPng(),
    });
    expect(predicted.statusCode, predicted.body).toBe(200);
    expect(predicted.json().predictions).toHaveLength(2);
  });
});
