// Node and browser must prepare the same bytes for the same image (DESIGN "Preprocessing"). This
// bundles the shared preprocessing, the Recognizer and the web app's ImageData adapter for the
// browser, decodes each PNG in real Chromium (createImageBitmap → canvas → getImageData) and in Node
// (sharp), and compares the Float32 model inputs byte for byte and the top-1 answers.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '@glyph/core';
import type { ModelMetadata, PreprocessingSpec } from '@glyph/core/model';
import {
  castShadow,
  circlePoints,
  drawStrokes,
  placeOnPage,
  preprocess,
  type Stroke,
} from '@glyph/core/preprocess';
import { preprocessSequence } from '@glyph/core/segment';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../image/decode-image';
import { encodePng } from '../image/encode-png';
import { loadModelFolder } from '../model-io/load-model-folder';
import { saveTemplateModelFolder } from '../testing';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const chromiumPath = process.env.GLYPH_CHROMIUM ?? '/usr/bin/chromium';
/** The shipped digits model when it exists, else a template model saved for the test. */
const shippedDigits = join(repo, 'models/digits');

const specs: Record<string, PreprocessingSpec> = {
  mnist: { kind: 'ink-mnist' },
  emnist: { kind: 'ink-emnist' },
  photo: { kind: 'photo', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  character: { kind: 'photo', subject: 'character' },
};
const input28 = { width: 28, height: 28, channels: 1 } as const;
const photoInput = { width: 32, height: 32, channels: 3 } as const;

/** Drawings and pictures of the kinds people send: canvases of each polarity, tiny, wide, noisy. */
function fixtures(): Record<string, RawImage> {
  const seven: Stroke[] = [
    {
      points: [
        [60, 50],
        [220, 50],
        [110, 250],
      ],
      width: 18,
    },
  ];
  const ring: Stroke[] = [{ points: circlePoints(140, 140, 60, 100), width: 9 }];
  const digits: Stroke[] = [
    {
      points: [
        [60, 40],
        [60, 200],
      ],
      width: 12,
    },
    { points: circlePoints(180, 120, 45, 80), width: 12 },
    {
      points: [
        [280, 60],
        [360, 60],
        [300, 200],
      ],
      width: 12,
    },
    { points: circlePoints(440, 120, 40, 80), width: 12 },
  ];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
  const noisy = drawStrokes(ring, { width: 280, height: 280 });
  const photo = Uint8Array.from({ length: 45 * 30 * 3 }, (_, i) => (random() + (i % 3) * 60) & 255);
  // A bold printed-looking k cut tight, then on paper with wide margins, then under a soft shadow.
  const letter = drawStrokes(
    [
      {
        points: [
          [14, 6],
          [14, 58],
        ],
        width: 11,
      },
      {
        points: [
          [48, 12],
          [17, 38],
          [50, 58],
        ],
        width: 10,
      },
    ],
    { width: 64, height: 64 },
  );
  const paddedLetter = placeOnPage(letter, { left: 1.2, right: 0.8, top: 0.6, bottom: 1.4, paper: 240 });
  return {
    'transparent-canvas': drawStrokes(seven, { width: 280, height: 280, style: 'transparent' }),
    'dark-on-light': drawStrokes(ring, { width: 280, height: 280 }),
    'light-on-dark': drawStrokes(seven, { width: 200, height: 150, style: 'light-on-dark' }),
    'noisy-scan': {
      ...noisy,
      data: noisy.data.map((v, i) => (i % 4 === 3 ? v : Math.max(0, v - (random() & 31)))),
    },
    tiny: drawStrokes(
      [
        {
          points: [
            [9, 5],
            [9, 22],
          ],
          width: 3,
        },
      ],
      { width: 28, height: 28 },
    ),
    line: drawStrokes(digits, { width: 520, height: 260 }),
    photo: { data: photo, width: 45, height: 30, channels: 3 },
    blank: drawStrokes([], { width: 280, height: 280, style: 'transparent' }),
    // Ink along most of the border: polarity and levels come from the Otsu split and its vote.
    framed: drawStrokes([{ points: circlePoints(32, 32, 27, 27), width: 18 }], { width: 64, height: 64 }),
    // The photo recipe's character step: lighting evened out, the letter found inside its margins.
    'padded-letter': paddedLetter,
    'shadowed-letter': castShadow(paddedLetter, {
      angle: 0.6,
      offset: -0.05,
      depth: 0.5,
      softness: 0.25,
      gradient: 0.15,
    }),
  };
}

/** The browser side: the same functions the web app uses, exposed on `window` for the test. */
const browserEntry = `
import * as tf from '@tensorflow/tfjs';
import { preprocess } from '@glyph/core/preprocess';
import { preprocessSequence } from '@glyph/core/segment';
import { loadRecognizer } from '@glyph/core/recognize';
import { imageDataToRawImage } from '${join(repo, 'apps/web/src/adapters/image-data.ts')}';

async function decode(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(bitmap, 0, 0);
  return imageDataToRawImage(context.getImageData(0, 0, bitmap.width, bitmap.height));
}

const toBase64 = (floats) => btoa(String.fromCharCode(...new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength)));

window.runParity = async ({ pngs, specs, input28, photoInput, artifacts, metadata }) => {
  await tf.setBackend('cpu');
  const weightData = Uint8Array.from(atob(artifacts.weightData), (c) => c.charCodeAt(0)).buffer;
  const recognizer = await loadRecognizer(tf.io.fromMemory({ ...artifacts, weightData }), metadata);
  const results = {};
  for (const [name, base64] of Object.entries(pngs)) {
    const image = await decode(base64);
    const inputs = {};
    inputs.mnist = toBase64(preprocess(image, specs.mnist, input28).input);
    inputs.emnist = toBase64(preprocess(image, specs.emnist, input28).input);
    inputs.photo = toBase64(preprocess(image, specs.photo, photoInput).input);
    inputs.character = toBase64(preprocess(image, specs.character, photoInput).input);
    inputs.sequence = preprocessSequence(image, specs.mnist, input28).positions
      .flatMap((p) => p.readings.flat())
      .map((c) => toBase64(c.input))
      .join(',');
    const recognition = await recognizer.recognize(image);
    results[name] = { inputs, top1: recognition.empty ? null : recognition.predictions[0].label };
  }
  recognizer.dispose();
  return results;
};
`;

const toBase64 = (bytes: Uint8Array | Float32Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

let browser: Browser | undefined;
let page: Page;
let modelFolder = '';

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install it with \`apt-get install -y chromium\` (scripts/setup.sh does) or set GLYPH_CHROMIUM.`,
    );
  }
  await tf.setBackend('cpu');
  modelFolder = existsSync(join(shippedDigits, 'model.json'))
    ? shippedDigits
    : await saveTemplateModelFolder();
  const bundle = await build({
    stdin: { contents: browserEntry, resolveDir: join(repo, 'packages/core'), loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>parity</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
});

afterAll(async () => {
  await browser?.close();
});

describe('browser and Node preprocessing', () => {
  it('produce byte-identical model inputs and the same top-1 for the same PNGs', async () => {
    const images = fixtures();
    const pngs: Record<string, Uint8Array> = {};
    for (const [name, image] of Object.entries(images)) pngs[name] = await encodePng(image);
    const { model, metadata } = await loadModelFolder(modelFolder);
    const artifacts = await modelArtifacts(modelFolder);
    const browserResults = (await page.evaluate(
      (args) => (window as unknown as { runParity: (a: typeof args) => Promise<unknown> }).runParity(args),
      {
        pngs: Object.fromEntries(Object.entries(pngs).map(([name, png]) => [name, toBase64(png)])),
        specs,
        input28,
        photoInput,
        artifacts,
        metadata: JSON.parse(JSON.stringify(metadata)) as ModelMetadata,
      },
    )) as Record<string, { inputs: Record<string, string>; top1: string | null }>;
    const { createRecognizer } = await import('@glyph/core/recognize');
    const recognizer = createRecognizer(model, metadata, modelFolder);
    try {
      for (const [name, png] of Object.entries(pngs)) {
        const image = await decodeImage(png);
        const node = nodeInputs(image);
        expect({ name, ...browserResults[name].inputs }).toEqual({ name, ...node });
        const recognition = await recognizer.recognize(image);
        expect({ name, top1: browserResults[name].top1 }).toEqual({
          name,
          top1: recognition.empty ? null : recognition.predictions[0].label,
        });
      }
      expect(browserResults.blank.top1).toBeNull();
      expect(browserResults.line.inputs.sequence.split(',').length).toBeGreaterThanOrEqual(4);
      expect(browserResults['dark-on-light'].top1).not.toBeNull();
      // The character step found the letter (not "no ink") in both, and cut it the same way.
      const blankInput = toBase64(
        new Float32Array(photoInput.width * photoInput.height * photoInput.channels),
      );
      expect(browserResults['padded-letter'].inputs.character).not.toBe(blankInput);
      expect(browserResults['shadowed-letter'].inputs.character).not.toBe(blankInput);
    } finally {
      recognizer.dispose();
    }
  });
});

function nodeInputs(image: RawImage): Record<string, string> {
  return {
    mnist: toBase64(preprocess(image, specs.mnist, input28).input),
    emnist: toBase64(preprocess(image, specs.emnist, input28).input),
    photo: toBase64(preprocess(image, specs.photo, photoInput).input),
    character: toBase64(preprocess(image, specs.character, photoInput).input),
    sequence: preprocessSequence(image, specs.mnist, input28)
      .positions.flatMap((position) => position.readings.flat())
      .map((character) => toBase64(character.input))
      .join(','),
  };
}

/** model.json and its weight shards as JSON-friendly artifacts for `tf.io.fromMemory` in the page. */
async function modelArtifacts(folder: string): Promise<Record<string, unknown>> {
  const json = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')) as {
    modelTopology: unknown;
    weightsManifest: { paths: string[]; weights: unknown[] }[];
  };
  const shards = await Promise.all(
    json.weightsManifest.flatMap((group) => group.paths).map((path) => readFile(join(folder, path))),
  );
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: Buffer.concat(shards).toString('base64'),
  };
}
