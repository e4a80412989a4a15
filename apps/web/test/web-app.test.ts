/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// The web app in real Chromium against the real server, with small seeded models: drawing, predicting
// in the tab and on the server, sequence mode, model switching, upload/paste/drop, feedback, model page,
// offline, a11y.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { dropFiles, glyphPng, pasteFiles } from './support/fixtures';
import {
  canvasSelector,
  drawWithMouse,
  drawWithTouch,
  percentValue,
  settledAnswer,
  topPredictions,
} from './support/page-input';
import { digitGlyphs, place } from '@glyph/testkit/strokes';
import { startServer, type RunningServer } from './support/test-server';
import { writeTinyModelsDir } from './support/tiny-models';
import { ensureWebBuild } from './support/web-build';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const digit = (label: string, style = 0, x = 90, y = 60, size = 220) =>
  place(digitGlyphs[label][style], { x, y, size });

async function openApp(hash = '#/'): Promise<void> {
  // A fresh start: no settings remembered from an earlier test.
  await page.goto(`${server.url}/favicon.svg`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${server.url}/${hash}`);
  await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
}

async function choose(label: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).check();
}

beforeAll(async () => {
  const [webDir, modelsDir] = await Promise.all([ensureWebBuild(), writeTinyModelsDir()]);
  server = await startServer({ modelsDir, webDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (server) await rm(server.modelsDir, { recursive: true, force: true });
});

describe('web app (tiny models)', () => {
  it('loads, runs the model in the browser and answers a mouse drawing with top-5 bars and the model input', async () => {
    await openApp();
    const readyMs = await page.evaluate(
      () => performance.getEntriesByName('glyph:browser-recognition-ready:digits')[0]?.duration ?? NaN,
    );
    expect(await page.getByTestId('engine-status').textContent()).toMatch(
      /In this browser · (WASM|WebGL|WebGPU)/,
    );
    await drawWithMouse(page, digit('7'));
    const answer = await settledAnswer(page);
    console.info(
      `[web] navigation start → in-browser recognition ready (TF.js, WASM, model, warm-up): ${readyMs.toFixed(0)} ms`,
    );
    expect('0123456789').toContain(answer.headline);
    expect(['confident', 'unsure']).toContain(answer.status);
    const top = await topPredictions(page);
    expect(top).toHaveLength(5);
    expect(top[0].label).toBe(answer.headline);
    const inkInPreview = await page.locator('.model-input canvas').evaluate((canvas: HTMLCanvasElement) => {
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      return {
        width: canvas.width,
        bright: Array.from(pixels).filter((value, i) => i % 4 === 0 && value > 128).length,
      };
    });
    expect(inkInPreview.width).toBe(28);
    expect(inkInPreview.bright).toBeGreaterThan(10);
  });

  it('gives the same answer in the browser and on the server', async () => {
    await openApp();
    await drawWithMouse(page, digit('3', 1, 120, 80, 200));
    await settledAnswer(page);
    const inBrowser = await topPredictions(page);
    await choose('On server');
    await page.waitForSelector('.result-meta:has-text("On the server")');
    await settledAnswer(page);
    const onServer = await topPredictions(page);
    expect(onServer.map((p) => p.label)).toEqual(inBrowser.map((p) => p.label));
    expect(onServer.map((p) => percentValue(p.percent))).toEqual(
      inBrowser.map((p) => percentValue(p.percent)),
    );
    await expect(page.locator('.model-input img').getAttribute('src')).resolves.toMatch(
      /^data:image\/png;base64,/,
    );
    await choose('In browser');
  });

  it('undoes and clears with buttons and shortcuts, back to the drawing prompt', async () => {
    await openApp();
    await expect(page.getByTestId('answer').getAttribute('data-status')).resolves.toBe('idle');
    await drawWithMouse(page, digit('4', 0));
    await settledAnswer(page);
    await page.getByRole('button', { name: 'Undo' }).click();
    await settledAnswer(page);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByTestId('answer').getAttribute('data-status')).resolves.toBe('idle');
    expect(await page.locator('[data-testid="result"] .top-item').count()).toBe(0);
    await drawWithMouse(page, digit('1'));
    await settledAnswer(page);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('answer').getAttribute('data-status')).resolves.toBe('idle');
    await drawWithMouse(page, digit('1'));
    await settledAnswer(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Undo' }).isDisabled()).resolves.toBe(true);
  });

  it('answers "no ink" for a blank page instead of a guess', async () => {
    await openApp('#/upload');
    const blank = await glyphPng(page, [], { width: 120, height: 90, lineWidth: 1 });
    await pasteFiles(page, [{ name: 'blank.png', bytes: blank }]);
    await page.waitForSelector('[data-testid="upload-card"][data-done="true"]');
    await expect(page.getByTestId('answer').getAttribute('data-status')).resolves.toBe('empty');
    await expect(page.getByTestId('answer').textContent()).resolves.toContain('No ink found');
    expect(await page.locator('[data-testid="upload-card"] .top-item').count()).toBe(0);
  });

  it('draws pen strokes thicker where the pen presses harder', async () => {
    await openApp();
    const session = await context.newCDPSession(page);
    const box = await page.locator(canvasSelector).boundingBox();
    if (!box) throw new Error('no canvas');
    const penLine = async (y: number, force: number) => {
      const event = { pointerType: 'pen' as const, force, button: 'left' as const, y: box.y + y };
      await session.send('Input.dispatchMouseEvent', {
        ...event,
        type: 'mousePressed',
        x: box.x + 100,
        clickCount: 1,
      });
      for (let x = 110; x <= 300; x += 10) {
        await session.send('Input.dispatchMouseEvent', {
          ...event,
          type: 'mouseMoved',
          x: box.x + x,
          buttons: 1,
        });
      }
      await session.send('Input.dispatchMouseEvent', {
        ...event,
        type: 'mouseReleased',
        x: box.x + 300,
        clickCount: 1,
      });
    };
    await penLine(120, 0.1);
    await penLine(320, 1);
    await settledAnswer(page);
    const thickness = await page.locator(canvasSelector).evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const column =
        ctx?.getImageData(Math.round(200 * ratio), 0, 1, canvas.height).data ?? new Uint8ClampedArray();
      const inked = (from: number, to: number) => {
        let count = 0;
        for (let y = Math.round(from * ratio); y < Math.round(to * ratio); y += 1)
          if (column[y * 4 + 3] > 128) count += 1;
        return count / ratio;
      };
      return { light: inked(60, 180), hard: inked(260, 380) };
    });
    expect(thickness.light).toBeGreaterThan(2);
    expect(thickness.hard).toBeGreaterThan(thickness.light * 2.5);
  });

  it('reads a number in sequence mode with a box over each character', async () => {
    await openApp();
    await choose('Number or word');
    const number = ['2', '0', '5'].map((label, i) => digit(label, 0, 40 + i * 150, 150, 140));
    for (const glyph of number) await drawWithMouse(page, glyph);
    const answer = await settledAnswer(page);
    expect(answer.headline).toMatch(/^[0-9]{3}$/);
    expect(await page.getByTestId('char-box').count()).toBe(3);
    const boxes = await page
      .getByTestId('char-box')
      .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().left));
    expect([...boxes].sort((a, b) => a - b)).toEqual(boxes);
    await choose('One character');
  });

  it('constrains a sequence to digits for a model that also knows letters, in the browser and on the server', async () => {
    await openApp();
    await page.getByTestId('model-picker').selectOption('chars');
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    await choose('Number or word');
    await page.getByLabel('Read as').selectOption('digits');
    for (const [i, label] of ['7', '1', '4'].entries())
      await drawWithMouse(page, digit(label, 0, 40 + i * 150, 150, 140));
    expect((await settledAnswer(page)).headline).toMatch(/^[0-9]{3}$/);
    await choose('On server');
    await page.waitForSelector('.result-meta:has-text("On the server")');
    expect((await settledAnswer(page)).headline).toMatch(/^[0-9]{3}$/);
    await page.getByLabel('Read as').selectOption('letters');
    expect((await settledAnswer(page)).headline).toMatch(/^[a-zA-Z]{3}$/);
    await choose('In browser');
    await choose('One character');
    await page.getByTestId('model-picker').selectOption('digits');
  });

  it('switches models', async () => {
    await openApp();
    await page.getByTestId('model-picker').selectOption('letters');
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    await drawWithMouse(page, digit('0'));
    const answer = await settledAnswer(page);
    expect('abcdefghijklmnopqrstuvwxyz').toContain(answer.headline);
    await expect(page.locator('.feedback select option').allTextContents()).resolves.toContain('z');
    await page.getByTestId('model-picker').selectOption('digits');
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    expect('0123456789').toContain((await settledAnswer(page)).headline);
  });

  it('sends feedback with the right label, stored as a PNG in the feedback folder', async () => {
    await openApp();
    await drawWithMouse(page, digit('5'));
    await settledAnswer(page);
    await page.getByLabel('Wrong? It was').selectOption('5');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForSelector('.feedback-status.sent');
    const files = await readdir(path.join(server.feedbackDir, 'digits', '5'));
    expect(files.filter((file) => file.endsWith('.png'))).toHaveLength(1);
  });

  it('uploads with the file picker, paste and drop, and matches the API answer for each image', async () => {
    await openApp('#/upload');
    const images = await Promise.all(
      ['2', '6', '9'].map(async (label, i) => ({
        name: `digit-${label}.png`,
        bytes: await glyphPng(page, [place(digitGlyphs[label][0], { x: 20 + i * 10, y: 24, size: 140 })], {
          width: 200,
          height: 190,
          lineWidth: 14,
          transparent: i === 2,
        }),
      })),
    );
    await page
      .locator('[data-testid="dropzone"] input[type="file"]')
      .setInputFiles(
        images.slice(0, 2).map((image) => ({ name: image.name, mimeType: 'image/png', buffer: image.bytes })),
      );
    await pasteFiles(page, [images[2]]);
    await dropFiles(page, '[data-testid="dropzone"]', [images[0]]);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="upload-card"][data-done="true"]').length === 4,
    );
    const cards = await page.getByTestId('upload-card').evaluateAll((nodes) =>
      nodes.map((node) => ({
        name: node.querySelector('h3')?.textContent ?? '',
        top: Array.from(node.querySelectorAll('.top-item')).map((item) => ({
          label: item.querySelector('.top-label')?.textContent ?? '',
          percent: item.querySelector('.top-percent')?.textContent ?? '',
        })),
      })),
    );
    expect(cards.map((card) => card.name).sort()).toEqual([
      'digit-2.png',
      'digit-2.png',
      'digit-6.png',
      'digit-9.png',
    ]);
    for (const card of cards) {
      const image = images.find((candidate) => candidate.name === card.name);
      if (!image) throw new Error(`no fixture named ${card.name}`);
      const body = new Uint8Array(image.bytes);
      const response = await fetch(`${server.url}/api/models/digits/predict?top=5`, { method: 'POST', body });
      const api = (await response.json()) as { predictions: { label: string; confidence: number }[] };
      expect(card.top.map((p) => p.label)).toEqual(api.predictions.map((p) => p.label));
      card.top.forEach((p, i) =>
        expect(Math.abs(percentValue(p.percent) - api.predictions[i].confidence * 100)).toBeLessThanOrEqual(
          0.11,
        ),
      );
    }
  });

  it('shows a model page with metrics, a Vega-Lite confusion matrix (loaded only there) and training details', async () => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await openApp();
    expect(requested.some((url) => /embed-[\w-]+\.js/.test(url))).toBe(false);
    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByRole('link', { name: 'Digits' }).click();
    await page.waitForSelector('[data-testid="confusion-chart"] svg');
    expect(requested.some((url) => /embed-[\w-]+\.js/.test(url))).toBe(true);
    await expect(page.locator('.stat').first().textContent()).resolves.toContain('Accuracy');
    await expect(page.locator('.detail-list').first().textContent()).resolves.toContain(
      'Epochs'.toLowerCase(),
    );
    page.removeAllListeners('request');
  });

  it('has no serious or critical accessibility violations', async () => {
    const views = [
      ['#/', '[data-testid="engine-status"][data-status="ready"]'],
      ['#/upload', '[data-testid="dropzone"]'],
      ['#/models', '.model-card'],
      ['#/models/digits', '[data-testid="confusion-chart"] svg'],
      ['#/review', '#review-title ~ .notice, .review-model'],
    ];
    for (const [hash, ready] of views) {
      await page.goto('about:blank');
      await page.goto(`${server.url}/${hash}`);
      await page.waitForSelector(ready);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => `${hash} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    }
    // Five full axe scans; on a shared 2-core machine they can take over a minute together.
  }, 180_000);

  it('keeps drawing and predicting offline once loaded', async () => {
    await openApp();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    await context.setOffline(true);
    try {
      await page.reload();
      await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
      await drawWithMouse(page, digit('8'));
      expect('0123456789').toContain((await settledAnswer(page)).headline);
    } finally {
      await context.setOffline(false);
    }
  });

  it('predicts within milliseconds of the end of a stroke (figure printed, not asserted)', async () => {
    await openApp();
    const latencies: number[] = [];
    for (const label of ['1', '4', '7', '2', '0']) {
      await page.keyboard.press('Escape');
      await drawWithMouse(page, digit(label));
      await settledAnswer(page);
      latencies.push(Number(await page.getByTestId('result').getAttribute('data-latency-ms')));
    }
    latencies.sort((a, b) => a - b);
    const phases = await page.evaluate(() =>
      ['glyph:image', 'glyph:recognize:browser'].map((name) => {
        const times = performance
          .getEntriesByName(name)
          .map((entry) => entry.duration)
          .sort((a, b) => a - b);
        return `${name} median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms`;
      }),
    );
    console.info(
      `[web] stroke end → answer, in-browser: median ${latencies[2].toFixed(1)} ms, max ${latencies[4].toFixed(1)} ms (${phases.join(', ')})`,
    );
    expect(latencies.every((ms) => ms > 0)).toBe(true);
    await expect(page.locator(canvasSelector).count()).resolves.toBe(1);
  });
});

describe('web app on a phone (tiny models)', () => {
  it('draws with a finger, keeps the page still, fits the screen and passes axe', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const phonePage = await phone.newPage();
      await phonePage.goto(`${server.url}/#/`);
      await phonePage.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
      const pointerTypes = await phonePage.evaluateHandle(() => {
        const seen: string[] = [];
        document.addEventListener('pointerdown', (event) => seen.push(event.pointerType), true);
        return seen;
      });
      const scrollBefore = await phonePage.evaluate(() => window.scrollY);
      const session = await phone.newCDPSession(phonePage);
      await drawWithTouch(phonePage, session, place(digitGlyphs['2'][0], { x: 60, y: 40, size: 200 }));
      const answer = await settledAnswer(phonePage);
      expect('0123456789').toContain(answer.headline);
      expect(await pointerTypes.evaluate((seen) => seen)).toEqual(['touch']);
      expect(await phonePage.evaluate(() => window.scrollY)).toBe(scrollBefore);
      await expect(phonePage.locator('.canvas-answer').textContent()).resolves.toBe(answer.headline);
      const overflow = await phonePage.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      const results = await new AxeBuilder({ page: phonePage }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => v.id)).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
