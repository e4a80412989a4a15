/* eslint-disable no-restricted-imports -- a Node script that drives Chromium; not app code. */
// Screenshots of the main views for docs/screenshots/, taken from the real server and the built
// app: `npx tsx apps/web/test/take-screenshots.ts`. Uses the shipped models/ (or GLYPH_MODELS_DIR)
// when it holds a digits model, else small untrained stand-ins (their answers are then meaningless).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { dropFiles, glyphPng } from './support/fixtures';
import { drawWithMouse, drawWithTouch, settledAnswer } from './support/page-input';
import { digitGlyphs, place } from '@glyph/testkit/strokes';
import { startServer } from './support/test-server';
import { writeTinyModelsDir } from './support/tiny-models';
import { ensureWebBuild, repoDir } from './support/web-build';

const outDir = path.join(repoDir, 'docs/screenshots');

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(250); // let bar transitions finish
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
  console.info(`docs/screenshots/${name}.png`);
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
}

async function laptop(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  await open(page, `${url}/#/`);
  await drawWithMouse(page, place(digitGlyphs['3'][0], { x: 150, y: 90, size: 300, slant: 0.1 }));
  await settledAnswer(page);
  await shoot(page, 'draw');

  await page.getByLabel('Number or word', { exact: true }).check();
  await page.getByRole('button', { name: 'Clear' }).click();
  for (const [i, label] of ['2', '0', '2', '5'].entries()) {
    await drawWithMouse(page, place(digitGlyphs[label][0], { x: 30 + i * 120, y: 190, size: 120 }));
  }
  await settledAnswer(page);
  await shoot(page, 'draw-sequence');
  await page.getByLabel('One character', { exact: true }).check();

  await open(page, `${url}/#/upload`);
  const files = await Promise.all(
    ['4', '7', '9'].map(async (label, i) => ({
      name: `scan-${label}.png`,
      bytes: await glyphPng(page, [place(digitGlyphs[label][i % 2], { x: 40, y: 30, size: 170 })], {
        width: 240,
        height: 230,
        lineWidth: 16,
      }),
    })),
  );
  await dropFiles(page, '[data-testid="dropzone"]', files);
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="upload-card"][data-done="true"]').length === 3,
  );
  await shoot(page, 'upload', true);

  await page.goto(`${url}/#/models`);
  await page.waitForSelector('.model-card');
  await shoot(page, 'models');
  await page.goto(`${url}/#/models/digits`);
  await page.waitForSelector('[data-testid="confusion-chart"] svg');
  await shoot(page, 'model-page', true);
  await page.close();
}

async function dark(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'dark' });
  await open(page, `${url}/#/`);
  await drawWithMouse(page, place(digitGlyphs['7'][1], { x: 150, y: 90, size: 300, slant: 0.1 }));
  await settledAnswer(page);
  await shoot(page, 'draw-dark');
  await page.close();
}

async function phone(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: 'dark',
  });
  const page = await context.newPage();
  await open(page, `${url}/#/`);
  const session = await context.newCDPSession(page);
  await drawWithTouch(page, session, place(digitGlyphs['5'][0], { x: 90, y: 50, size: 220 }));
  await settledAnswer(page);
  await shoot(page, 'phone-draw');
  await context.close();
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const shipped = process.env.GLYPH_MODELS_DIR ?? path.join(repoDir, 'models');
  const modelsDir = existsSync(path.join(shipped, 'digits/model.json'))
    ? shipped
    : await writeTinyModelsDir();
  console.info(`models: ${modelsDir}`);
  const server = await startServer({ modelsDir, webDir: await ensureWebBuild() });
  const browser = await launchChromium();
  try {
    await laptop(browser, server.url);
    await dark(browser, server.url);
    await phone(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
