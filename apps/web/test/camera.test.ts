/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// The camera in real Chromium with a fake device playing a generated video: a real MNIST test digit
// written on paper. Capture → the same upload card and prediction as an uploaded file; closing the
// camera or leaving the view releases it; no camera / permission denied / http say so plainly.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { readIdxImagesAndLabels, resolveDataDir } from '@glyph/node/datasets';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { characterOnPaper, writeY4m } from './support/fake-camera';
import { startServer, type RunningServer } from './support/test-server';
import { ensureWebBuild, repoDir } from './support/web-build';

const modelsDir = process.env.GLYPH_MODELS_DIR ?? path.join(repoDir, 'models');
/** Which MNIST test image the camera films (any index works; its label is the expected answer). */
const mnistIndex = 18;

let server: RunningServer;
let browser: Browser;
let videoDir: string;
let expectedLabel: string;

async function filmedDigit(file: string): Promise<string> {
  const mnistDir = path.join(resolveDataDir(), 'mnist');
  const images = path.join(mnistDir, 't10k-images-idx3-ubyte.gz');
  if (!existsSync(images)) {
    throw new Error(
      `No MNIST test split at ${mnistDir}. Run \`glyph data download mnist\` or set GLYPH_DATA_DIR to the datasets folder.`,
    );
  }
  const mnist = await readIdxImagesAndLabels(images, path.join(mnistDir, 't10k-labels-idx1-ubyte.gz'));
  const side = mnist.width * mnist.height;
  const digit = mnist.images.subarray(mnistIndex * side, (mnistIndex + 1) * side);
  await writeY4m(file, characterOnPaper(digit, { width: 320, height: 240, scale: 7, paper: 235 }));
  return String(mnist.labels[mnistIndex]);
}

/** A fresh page on the Upload/Camera view; with `inBrowser`, the shipped digits model runs in the browser. */
async function openUpload(
  options: { inBrowser?: boolean; prepare?: (page: Page) => Promise<unknown> } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await options.prepare?.(page);
  await page.goto(`${server.url}/favicon.svg`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${server.url}/#/upload`);
  if (options.inBrowser) {
    await page.getByLabel('Model', { exact: true }).selectOption('digits');
    await page.getByLabel('In browser', { exact: true }).check();
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
  }
  return page;
}

/** Reads the "what the model sees" canvas of the (only) card. */
const modelInputSeen = (page: Page) =>
  page
    .locator('[data-testid="upload-card"] canvas.model-input-image')
    .evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let bright = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] > 128) bright += 1;
      return { width: canvas.width, height: canvas.height, corner: Array.from(data.subarray(0, 3)), bright };
    });

/** Records every stream getUserMedia hands out, so the test can see whether its tracks were stopped. */
function recordStreams(): void {
  const streams: MediaStream[] = [];
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  Object.assign(window, { cameraStreams: streams });
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    streams.push(stream);
    return stream;
  };
}

/** Serious or critical axe findings in the camera card, in its current state. */
async function cameraPanelViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[data-testid="camera-panel"]').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

const liveTrackCount = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams
        .flatMap((stream) => stream.getTracks())
        .filter((track) => track.readyState === 'live').length,
  );

beforeAll(async () => {
  if (!existsSync(path.join(modelsDir, 'digits', 'model.json'))) {
    throw new Error(
      `No digits model at ${modelsDir}/digits. Set GLYPH_MODELS_DIR to a folder holding digits/.`,
    );
  }
  videoDir = await mkdtemp(path.join(tmpdir(), 'glyph-camera-'));
  const video = path.join(videoDir, 'digit-on-paper.y4m');
  expectedLabel = await filmedDigit(video);
  server = await startServer({ modelsDir, webDir: await ensureWebBuild() });
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (videoDir) await rm(videoDir, { recursive: true, force: true });
});

describe('camera', () => {
  it('captures the filmed digit and reads it like an upload, showing what the model sees', async () => {
    const page = await openUpload({ inBrowser: true });
    await page.getByRole('button', { name: 'Use camera' }).click();
    await page.waitForSelector('[data-testid="camera-video"][data-ready="true"]');
    // Focus moves to Capture when the camera opens: the keyboard alone takes the picture.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Capture');
    await page.keyboard.press('Enter');

    const card = page.locator('[data-testid="upload-card"][data-done="true"]');
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toMatch(/^camera \d\d:\d\d:\d\d\.png$/);
    expect(await card.locator('[data-testid="answer-headline"]').textContent()).toBe(expectedLabel);
    // The 28×28 MNIST-style input: bright ink on black, a digit's worth of it.
    const seen = await modelInputSeen(page);
    expect(seen).toMatchObject({ width: 28, height: 28, corner: [0, 0, 0] });
    expect(seen.bright).toBeGreaterThan(40);
    expect(seen.bright).toBeLessThan(400);

    // The same capture on the server gives the same answer, with the server's picture of the input.
    await page.getByLabel('On server', { exact: true }).check();
    await page.waitForSelector('[data-testid="upload-card"] img.model-input-image');
    await page.waitForSelector('[data-testid="upload-card"][data-done="true"]');
    expect(await card.locator('[data-testid="answer-headline"]').textContent()).toBe(expectedLabel);

    // A photo model sees the RGB picture itself (32×32 for alphabet): white paper, not inverted ink.
    await page.getByLabel('Model', { exact: true }).selectOption('alphabet');
    await page.getByLabel('In browser', { exact: true }).check();
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    await page.waitForSelector('[data-testid="upload-card"][data-done="true"] canvas.model-input-image');
    const photo = await modelInputSeen(page);
    expect(photo).toMatchObject({ width: 32, height: 32 });
    photo.corner.forEach((value) => expect(value).toBeGreaterThan(200));
    expect(photo.bright).toBeGreaterThan(32 * 32 * 0.6);
    await page.context().close();
  });

  it('releases the camera when it is closed and when the user leaves the view', async () => {
    const page = await openUpload({ prepare: (fresh) => fresh.addInitScript(recordStreams) });
    await page.getByRole('button', { name: 'Use camera' }).click();
    await page.waitForSelector('[data-testid="camera-video"][data-ready="true"]');
    expect(await liveTrackCount(page)).toBe(1);
    expect(await cameraPanelViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Close camera' }).click();
    expect(await page.locator('[data-testid="camera-video"]').count()).toBe(0);
    expect(await liveTrackCount(page)).toBe(0);

    await page.getByRole('button', { name: 'Use camera' }).click();
    await page.waitForSelector('[data-testid="camera-video"][data-ready="true"]');
    expect(await liveTrackCount(page)).toBe(1);
    await page.getByRole('link', { name: 'Draw' }).click();
    await page.waitForSelector('canvas.ink-canvas');
    expect(await liveTrackCount(page)).toBe(0);
    await page.context().close();
  });

  it('says plainly why there is no camera, and upload keeps working', async () => {
    const page = await openUpload();
    const rejectWith = (name: string) => () =>
      page.evaluate((errorName) => {
        navigator.mediaDevices.getUserMedia = () =>
          Promise.reject(new DOMException('Rejected by the test', errorName));
      }, name);
    // Plain http on a non-local address: not a secure context, so no navigator.mediaDevices at all.
    const plainHttp = () =>
      page.evaluate(() => {
        Object.defineProperty(window, 'isSecureContext', { value: false });
        Object.defineProperty(Navigator.prototype, 'mediaDevices', { get: () => undefined });
      });
    const cases = [
      { make: rejectWith('NotAllowedError'), problem: 'permission-denied', text: /permission was denied/ },
      { make: rejectWith('NotFoundError'), problem: 'no-camera', text: /No camera was found/ },
      { make: plainHttp, problem: 'insecure-context', text: /https/ },
    ];
    const message = page.getByTestId('camera-error');
    for (const { make, problem, text } of cases) {
      await make();
      await page.getByRole('button', { name: 'Use camera' }).click();
      await page.waitForSelector(`[data-testid="camera-error"][data-problem="${problem}"]`);
      expect(await message.textContent()).toMatch(text);
      expect(await message.textContent()).toMatch(/choose, drop or paste/);
      expect(await page.getByRole('button', { name: 'Use camera' }).isEnabled()).toBe(true);
      expect(await page.getByLabel('Choose images').count()).toBe(1);
    }
    expect(await cameraPanelViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('adds a camera shot to a Teach project as a sample of the chosen label', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/#/projects`);
    await page.getByLabel('Labels', { exact: false }).fill('seven other');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForSelector('[data-testid="project-page"]');
    await page.getByLabel('Add pictures or camera shots to').selectOption('seven');
    await page.getByRole('button', { name: 'Camera…' }).click();
    await page.getByRole('button', { name: 'Use camera' }).click();
    await page.waitForSelector('[data-testid="camera-video"][data-ready="true"]');
    await page.getByRole('button', { name: 'Capture' }).click();
    await page.waitForSelector('.sample-row[data-label="seven"][data-count="1"]');
    expect(await page.getByTestId('sample-status').textContent()).toMatch(/Added 1 picture to “seven”/);
    expect(await page.locator('.sample-row[data-label="other"]').getAttribute('data-count')).toBe('0');
    await page.context().close();
  });
});
