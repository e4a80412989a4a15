/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// Teaching in the browser, in real Chromium against the real server and the shipped models: a new
// 4-symbol project from 10 drawn samples per symbol, trained in a Web Worker, read on new drawings;
// the page stays fast while it trains; the project survives a reload.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { canvasSelector, drawWithMouse, drawWithMouseBurst, settledAnswer } from './support/page-input';
import { digitGlyphs, place, type Glyph } from './support/strokes';
import { symbolDrawings, symbolLabels } from './support/symbol-strokes';
import { startServer, type RunningServer } from './support/test-server';
import { ensureWebBuild, repoDir } from './support/web-build';

const modelsDir = process.env.GLYPH_MODELS_DIR ?? path.join(repoDir, 'models');
const samplePad = `[data-testid="sample-pad"] ${canvasSelector}`;
const testPad = `[data-testid="test-pad"] ${canvasSelector}`;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(path.join(modelsDir, 'digits', 'model.json'))) {
    throw new Error(`No digits model at ${modelsDir}/digits: the Teach tests start from its features.`);
  }
  server = await startServer({ modelsDir, webDir: await ensureWebBuild() });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(`${server.url}/favicon.svg`);
  await page.evaluate(() => localStorage.clear());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function surfaceOf(selector: string): Promise<{ width: number; height: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible.`);
  return { width: box.width, height: box.height };
}

async function createProject(kind: 'symbols' | 'personal', name: string, labels: string, base: string) {
  await page.goto(`${server.url}/#/projects`);
  await page.getByLabel(kind === 'symbols' ? 'New symbols' : 'My handwriting', { exact: false }).check();
  await page.getByLabel('Name').fill(name);
  if (kind === 'symbols') await page.getByLabel('Labels', { exact: false }).fill(labels);
  await page.locator('form select').selectOption(base);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.waitForSelector('[data-testid="project-page"]');
}

async function addSample(glyph: Glyph, label: string): Promise<void> {
  const row = page.locator(`.sample-row[data-label="${label}"]`);
  const before = Number(await row.getAttribute('data-count'));
  await drawWithMouse(page, glyph, samplePad);
  await page.locator(`[data-testid="sample-pad"] button[data-label="${label}"]`).click();
  await expect.poll(async () => Number(await row.getAttribute('data-count'))).toBe(before + 1);
}

/** Draws on the test pad and returns the answer's headline once it belongs to this drawing. */
async function readOnTestPad(glyph: Glyph): Promise<string> {
  const clear = page.locator('[data-testid="test-pad"] button', { hasText: 'Clear' });
  if (await clear.isEnabled()) await clear.click();
  await page.locator(testPad).scrollIntoViewIfNeeded();
  await drawWithMouse(page, glyph, testPad);
  await page.waitForSelector(
    '[data-testid="test-pad"] [data-testid="result"][data-fresh="true"] [data-testid="answer"]:not([data-status="loading"]):not([data-status="idle"])',
  );
  return (await page.locator('[data-testid="test-pad"] [data-testid="answer-headline"]').textContent()) ?? '';
}

describe('teach in the browser', () => {
  it('learns 4 new symbols from 10 drawings each in under 30 s and reads new drawings of them', async () => {
    // The Draw view's in-browser engine loads first, so it can answer while the project trains.
    await page.goto(`${server.url}/#/`);
    await page.getByLabel('In browser', { exact: true }).check();
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    await createProject('symbols', 'Marks', symbolLabels.join(' '), 'digits');
    const surface = await surfaceOf(samplePad);
    for (const drawing of symbolDrawings(1, 10, surface)) await addSample(drawing.strokes, drawing.label);
    for (const label of symbolLabels) {
      expect(await page.locator(`.sample-row[data-label="${label}"]`).getAttribute('data-count')).toBe('10');
    }

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForSelector('[data-testid="train-panel"][data-status="running"]');

    // While the worker trains, the Draw view still answers within milliseconds of a stroke.
    const projectHash = await page.evaluate(() => window.location.hash);
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    // Training takes seconds: draw fast (one burst of events per stroke) and count only the answers
    // that arrived while the header still said it was training.
    const session = await context.newCDPSession(page);
    const latencies: number[] = [];
    for (let i = 0; i < 20 && (await page.getByTestId('job-chip').count()) > 0; i += 1) {
      await page.keyboard.press('Escape');
      const label = String(i % 10);
      await drawWithMouseBurst(page, session, place(digitGlyphs[label][0], { x: 120, y: 60, size: 240 }));
      await settledAnswer(page);
      const latencyMs = Number(await page.getByTestId('result').getAttribute('data-latency-ms'));
      if ((await page.getByTestId('job-chip').count()) > 0) latencies.push(latencyMs);
    }
    console.info(
      `[teach] draw → prediction while training: ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms`,
    );
    expect(latencies.length).toBeGreaterThan(0);
    // The typical answer (median) must stay within 30 ms; single answers on this shared 2-core
    // machine can be slower when the worker and the test runner take both cores.
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(30);

    await page.evaluate((hash) => (window.location.hash = hash), projectHash);
    await page.waitForSelector('[data-testid="train-done"]', { timeout: 60_000 });
    const seconds = parseFloat(
      (await page.getByTestId('train-done').textContent())?.replace(/[^0-9.]/g, '') ?? '',
    );
    console.info(`[teach] 4 symbols × 10 samples trained in the browser in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(30);
    await page.waitForSelector('[data-testid="project-report"]');

    const tests = symbolDrawings(2, 10, await surfaceOf(testPad));
    let correct = 0;
    for (const drawing of tests) if ((await readOnTestPad(drawing.strokes)) === drawing.label) correct += 1;
    console.info(`[teach] new drawings read right: ${correct}/${tests.length}`);
    expect(correct / tests.length).toBeGreaterThanOrEqual(0.95);

    // The project, its samples and its model survive a reload.
    await page.reload();
    await page.waitForSelector('[data-testid="test-pad"]');
    expect(await page.locator('.sample-thumb').count()).toBe(40);
    expect(await readOnTestPad(tests[0].strokes)).toBe(tests[0].label);
  }, 600_000);
});
