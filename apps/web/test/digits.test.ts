/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// The shipped digits model in real Chromium: scripted pointer strokes in several styles, sizes and
// positions must be read correctly, in the browser and on the server alike.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { glyphPng } from './support/fixtures';
import {
  drawWithMouse,
  drawWithMouseBurst,
  drawWithTouch,
  percentValue,
  settledAnswer,
  topPredictions,
} from './support/page-input';
import { digitGlyphs, place, type Placement } from '@glyph/testkit/strokes';
import { startServer, type RunningServer } from './support/test-server';
import { ensureWebBuild, repoDir } from './support/web-build';

/** The models under test: the repository's `models/` unless GLYPH_MODELS_DIR names another. */
const modelsDir = process.env.GLYPH_MODELS_DIR ?? path.join(repoDir, 'models');

let server: RunningServer;
let browser: Browser;
let page: Page;

/** Where and how each drawing goes on the ~536 px surface: big and centred, small and off-centre, slanted. */
const placements: readonly Placement[] = [
  { x: 130, y: 70, size: 300 },
  { x: 40, y: 40, size: 170, slant: 0.15 },
  { x: 260, y: 250, size: 200 },
  { x: 170, y: 160, size: 130, slant: -0.1 },
];

async function openApp(site: 'In browser' | 'On server'): Promise<void> {
  // A fresh start: no settings remembered from an earlier test.
  await page.goto(`${server.url}/favicon.svg`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${server.url}/#/`);
  await page.getByLabel(site, { exact: true }).check();
  await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
}

beforeAll(async () => {
  if (!existsSync(path.join(modelsDir, 'digits', 'model.json'))) {
    throw new Error(
      `No digits model at ${modelsDir}/digits. Train it (see docs/models.md: \`glyph train --dataset mnist --out models/digits\`) or set GLYPH_MODELS_DIR to a folder holding digits/.`,
    );
  }
  server = await startServer({ modelsDir, webDir: await ensureWebBuild() });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('digits model in the browser', () => {
  it('reads every digit drawn with the mouse, in two styles, four sizes and positions', async () => {
    await openApp('In browser');
    const session = await page.context().newCDPSession(page);
    const misread: string[] = [];
    for (const digit of Object.keys(digitGlyphs)) {
      for (const [style, glyph] of digitGlyphs[digit].entries()) {
        const placement = placements[(Number(digit) + style * 2) % placements.length];
        await page.keyboard.press('Escape');
        await drawWithMouseBurst(page, session, place(glyph, placement));
        const { headline } = await settledAnswer(page);
        if (headline !== digit)
          misread.push(`${digit} (style ${style}, size ${placement.size}) read as ${headline}`);
      }
    }
    expect(misread).toEqual([]);
  });

  it('reads a number written in sequence mode', async () => {
    await openApp('In browser');
    await page.getByLabel('Number or word', { exact: true }).check();
    const digits = ['4', '0', '9', '6'];
    for (const [i, digit] of digits.entries()) {
      await drawWithMouse(page, place(digitGlyphs[digit][i % 2], { x: 20 + i * 128, y: 180, size: 120 }));
    }
    expect((await settledAnswer(page)).headline).toBe('4096');
    expect(await page.getByTestId('char-box').count()).toBe(4);
    await page.getByLabel('One character', { exact: true }).check();
  });

  it('answers like the server, for a drawing and for an uploaded PNG', async () => {
    await openApp('In browser');
    await drawWithMouse(page, place(digitGlyphs['6'][0], placements[0]));
    await settledAnswer(page);
    const inBrowser = await topPredictions(page);
    await page.getByLabel('On server', { exact: true }).check();
    await page.waitForSelector('.result-meta:has-text("On the server")');
    await settledAnswer(page);
    expect(await topPredictions(page)).toEqual(inBrowser);

    await page.getByLabel('In browser', { exact: true }).check();
    await page.goto(`${server.url}/#/upload`);
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    const png = await glyphPng(page, [place(digitGlyphs['4'][1], { x: 30, y: 20, size: 160 })], {
      width: 220,
      height: 200,
      lineWidth: 15,
    });
    await page
      .locator('[data-testid="dropzone"] input[type="file"]')
      .setInputFiles({ name: 'four.png', mimeType: 'image/png', buffer: png });
    await page.waitForSelector('[data-testid="upload-card"][data-done="true"]');
    const card = await topPredictions(page, '[data-testid="upload-card"]');
    const response = await fetch(`${server.url}/api/models/digits/predict?top=5`, {
      method: 'POST',
      body: new Uint8Array(png),
    });
    const api = (await response.json()) as { predictions: { label: string; confidence: number }[] };
    expect(card[0].label).toBe('4');
    expect(card.map((p) => p.label)).toEqual(api.predictions.map((p) => p.label));
    card.forEach((p, i) =>
      expect(Math.abs(percentValue(p.percent) - api.predictions[i].confidence * 100)).toBeLessThanOrEqual(
        0.11,
      ),
    );
  });

  it('reads a digit drawn with a finger on a phone', async () => {
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
      const session = await phone.newCDPSession(phonePage);
      await drawWithTouch(phonePage, session, place(digitGlyphs['7'][1], { x: 70, y: 40, size: 220 }));
      expect((await settledAnswer(phonePage)).headline).toBe('7');
    } finally {
      await phone.close();
    }
  });
});
