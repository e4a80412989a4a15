import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataUrl } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Three separate strokes side by side on a 420×160 canvas: a line of three "characters". */
async function linePng(): Promise<Buffer> {
  const strokes = [
    'M 60 30 L 60 130',
    'M 150 30 L 210 30 L 170 130',
    'M 300 30 L 270 100 L 340 100 M 320 60 L 320 130',
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="160"><rect width="100%" height="100%" fill="white"/>${strokes
    .map((d) => `<path d="${d}" stroke="black" stroke-width="12" fill="none" stroke-linecap="round"/>`)
    .join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('POST /api/feedback/sequence', () => {
  let test: TestApp;
  let image: string;
  let boxes: { x: number; y: number; width: number; height: number }[];

  const post = (payload: object) =>
    test.app.inject({ method: 'POST', url: '/api/feedback/sequence', payload });
  const stored = async () =>
    (await readdir(test.feedbackDir, { recursive: true })).filter((name) => name.endsWith('.png'));

  beforeAll(async () => {
    test = await startTestApp({ models: { digits: tinyMetadata('digits', digitLabels) } });
    const png = await linePng();
    image = dataUrl(png);
    const answer = await test.app.inject({
      method: 'POST',
      url: '/api/models/digits/predict?sequence=1',
      payload: png,
      headers: { 'content-type': 'image/png' },
    });
    boxes = answer.json().characters.map((character: { box: (typeof boxes)[0] }) => character.box);
  });

  afterAll(async () => {
    await test.app.close();
    await rm(test.feedbackDir, { recursive: true, force: true });
  });

  it('stores one sample per character: the crop of its box, under its corrected label', async () => {
    expect(boxes).toHaveLength(3);
    const labels = ['1', '7', '4'];
    const response = await post({
      model: 'digits',
      image,
      characters: boxes.map((box, index) => ({ box, label: labels[index] })),
    });
    expect(response.statusCode, response.body).toBe(201);
    const { samples } = response.json();
    expect(samples.map((sample: { label: string }) => sample.label)).toEqual(labels);
    for (const [index, sample] of samples.entries()) {
      expect(sample.path).toMatch(new RegExp(`^digits/${labels[index]}/\\d{8}T\\d{9}Z-[0-9a-f]{8}\\.png$`));
      const file = path.join(test.feedbackDir, sample.path);
      const { width, height } = await sharp(file).metadata();
      const box = boxes[index];
      // The box, whole, plus a background margin on each side.
      expect(width! - Math.ceil(box.width)).toBeGreaterThanOrEqual(4);
      expect(height! - Math.ceil(box.height)).toBeGreaterThanOrEqual(4);
      // Ink inside, white paper at the border: a crop that reads like one drawn character.
      const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
      const dark = data.filter((value) => value < 128).length;
      expect(dark).toBeGreaterThan(50);
      const border = [...data.subarray(0, info.width), ...data.subarray(data.length - info.width)];
      expect(Math.min(...border)).toBeGreaterThan(200);
    }
    expect(await stored()).toHaveLength(3);
    // Each stored crop is a single character to the recognizer, as a single-character correction is.
    const review = (await test.app.inject('/api/feedback/review')).json();
    expect(review.samples.every((sample: { note?: string }) => sample.note === undefined)).toBe(true);
  });

  it('stores nothing when a label, a box or the body is wrong', async () => {
    const before = await stored();
    const character = (label: string, box = boxes[0]) => ({ box, label });
    const cases: [object, number, string][] = [
      [{ model: 'digits', image, characters: [character('1'), character('x')] }, 400, 'LABEL_UNKNOWN'],
      [{ model: 'nope', image, characters: [character('1')] }, 404, 'MODEL_NOT_FOUND'],
      [
        {
          model: 'digits',
          image,
          characters: [character('1'), character('2', { x: 500, y: 0, width: 10, height: 10 })],
        },
        400,
        'BAD_USAGE',
      ],
      [{ model: 'digits', image, characters: [] }, 400, 'BAD_USAGE'],
      [{ model: 'digits', image, characters: Array(65).fill(character('1')) }, 400, 'BAD_USAGE'],
      [{ model: 'digits', characters: [character('1')] }, 400, 'BAD_USAGE'],
      [
        { model: 'digits', image: 'data:image/png;base64,aGVsbG8=', characters: [character('1')] },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
    ];
    for (const [payload, status, code] of cases) {
      const response = await post(payload);
      expect(
        [response.statusCode, response.json().error.code],
        JSON.stringify(payload).slice(0, 120),
      ).toEqual([status, code]);
    }
    expect(await stored()).toEqual(before);
  });
});
