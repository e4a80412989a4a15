/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// Teaching in the browser, in real Chromium against the real server and the shipped models: a new
// 4-symbol project from 10 drawn samples per symbol, trained in a Web Worker, read on new drawings;
// the page stays fast while it trains; the project survives a reload.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { canvasSelector, drawWithMouse, drawWithMouseBurst, settledAnswer } from './support/page-input';
import { digitGlyphs, place, type Glyph } from '@glyph/testkit/strokes';
import { boxyDigitDrawings, boxyStyleDigits } from '@glyph/testkit/boxy-digits';
import { symbolDrawings, symbolLabels } from '@glyph/testkit/symbol-strokes';
import { startServer, type RunningServer } from './support/test-server';
import { ensureWebBuild, repoDir } from './support/web-build';

const modelsDir = process.env.GLYPH_MODELS_DIR ?? path.join(repoDir, 'models');
const samplePad = `[data-testid="sample-pad"] ${canvasSelector}`;
const testPad = `[data-testid="test-pad"] ${canvasSelector}`;

let server: RunningServer;
let workDir: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(path.join(modelsDir, 'digits', 'model.json'))) {
    throw new Error(`No digits model at ${modelsDir}/digits: the Teach tests start from its features.`);
  }
  server = await startServer({ modelsDir, webDir: await ensureWebBuild() });
  workDir = await mkdtemp(path.join(tmpdir(), 'glyph-teach-'));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(`${server.url}/favicon.svg`);
  await page.evaluate(() => localStorage.clear());
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Clicks "Download .zip" on the project page and unpacks the zip into `<dir>/<model id>/`. */
async function downloadModelFolder(dir: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download .zip' }).click(),
  ]);
  const zipPath = path.join(workDir, download.suggestedFilename());
  await download.saveAs(zipPath);
  for (const [name, bytes] of Object.entries(unzipSync(await readFile(zipPath)))) {
    if (name.endsWith('/')) continue;
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), bytes);
  }
  return zipPath;
}

/** `glyph eval --json` on a model folder, run as a user runs it: the CLI in its own process. */
async function glyphEval(modelDir: string, dataset: string): Promise<{ accuracy: number; n: number }> {
  const glyph = path.join(repoDir, 'apps', 'cli', 'bin', 'glyph.js');
  const args = [glyph, 'eval', '--model', modelDir, '--dataset', dataset, '--json'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as { accuracy: number; n: number };
}

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

/** Scrolls a canvas to the middle of the viewport: mouse strokes outside the viewport are lost. */
async function centre(selector: string): Promise<void> {
  await page.locator(selector).evaluate((element) => element.scrollIntoView({ block: 'center' }));
}

async function addSample(glyph: Glyph, label: string): Promise<void> {
  const row = page.locator(`.sample-row[data-label="${label}"]`);
  const before = Number(await row.getAttribute('data-count'));
  await centre(samplePad);
  await drawWithMouse(page, glyph, samplePad);
  await page.locator(`[data-testid="sample-pad"] button[data-label="${label}"]`).click();
  await expect.poll(async () => Number(await row.getAttribute('data-count'))).toBe(before + 1);
}

/** Draws on the test pad and returns the answer's headline once it belongs to this drawing. */
async function readOnTestPad(glyph: Glyph): Promise<string> {
  const clear = page.locator('[data-testid="test-pad"] button', { hasText: 'Clear' });
  if (await clear.isEnabled()) await clear.click();
  await centre(testPad);
  await drawWithMouse(page, glyph, testPad);
  await page.waitForSelector(
    '[data-testid="test-pad"] [data-testid="result"][data-fresh="true"] [data-testid="answer"]:not([data-status="loading"]):not([data-status="idle"])',
  );
  return (await page.locator('[data-testid="test-pad"] [data-testid="answer-headline"]').textContent()) ?? '';
}

describe('teach in the browser', () => {
  it('learns 4 new symbols from 10 drawings each in under 30 s and reads new drawings of them', async () => {
    // The Draw view's in-browser recognition loads first, so it can answer while the project trains.
    await page.goto(`${server.url}/#/`);
    await page.getByLabel('In browser', { exact: true }).check();
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    await createProject('symbols', 'Marks', symbolLabels.join(' '), 'digits');
    const surface = await surfaceOf(samplePad);
    for (const drawing of symbolDrawings(1, 10, surface)) await addSample(drawing.strokes, drawing.label);
    for (const label of symbolLabels) {
      expect(await page.locator(`.sample-row[data-label="${label}"]`).getAttribute('data-count')).toBe('10');
    }

    // Cancel stops a run at once and leaves no model behind.
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForSelector('[data-testid="train-panel"][data-status="running"]');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('[data-testid="train-panel"][data-status="cancelled"]');
    expect(await page.getByTestId('job-chip').count()).toBe(0);
    expect(await page.getByTestId('project-report').count()).toBe(0);

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

    // Offline after a visit: the page (now controlled by the service worker) uses the Draw view once,
    // which caches the digits model; then with the network cut the project reloads, reads, and
    // trains again (worker, WASM files and the base model all from the cache).
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    await page.evaluate((hash) => (window.location.hash = hash), projectHash);
    await context.setOffline(true);
    try {
      await page.reload();
      await page.waitForSelector('[data-testid="test-pad"]');
      expect(await readOnTestPad(tests[1].strokes)).toBe(tests[1].label);
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.waitForSelector('[data-testid="train-done"]', { timeout: 60_000 });
      expect(await readOnTestPad(tests[2].strokes)).toBe(tests[2].label);
    } finally {
      await context.setOffline(false);
    }
  }, 600_000);

  it('personalizes digits on 20 boxy corrections, keeps MNIST, and exports a folder glyph eval and glyph serve load', async () => {
    // Before: the shipped model on new boxy drawings, in the Draw view.
    await page.goto(`${server.url}/#/`);
    await page.getByLabel('In browser', { exact: true }).check();
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    const probes = boxyDigitDrawings(2, 10, await surfaceOf(canvasSelector), boxyStyleDigits);
    let before = 0;
    for (const drawing of probes) {
      await page.keyboard.press('Escape');
      await drawWithMouse(page, drawing.strokes);
      if ((await settledAnswer(page)).headline === drawing.label) before += 1;
    }

    // One correction is sent as feedback from the Draw view and imported into the project; the
    // other 19 are drawn in the project.
    const corrections = boxyDigitDrawings(1, 7, await surfaceOf(canvasSelector), boxyStyleDigits).slice(
      0,
      20,
    );
    await page.keyboard.press('Escape');
    await drawWithMouse(page, corrections[0].strokes);
    await settledAnswer(page);
    await page.getByLabel('Wrong? It was').selectOption(corrections[0].label);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForSelector('.feedback-status.sent');

    await createProject('personal', 'My digits', '', 'digits');
    await page.getByRole('button', { name: 'Import corrections sent for digits' }).click();
    await expect
      .poll(() => page.getByTestId('feedback-import-status').textContent())
      .toMatch(/^Added 1 sample from feedback/);
    await page.getByRole('button', { name: 'Import corrections sent for digits' }).click();
    await expect
      .poll(() => page.getByTestId('feedback-import-status').textContent())
      .toMatch(/^Added 0 samples from feedback; 1 already here/);
    for (const drawing of corrections.slice(1)) await addSample(drawing.strokes, drawing.label);
    expect(await page.locator('.sample-thumb').count()).toBe(20);
    await page.getByRole('button', { name: 'Personalize' }).click();
    await page.waitForSelector('[data-testid="personal-panel"]', { timeout: 120_000 });
    console.info(
      `[teach] corrections read right before/after: ${await page.getByTestId('before').textContent()} → ${await page.getByTestId('after').textContent()}`,
    );
    await page.getByRole('button', { name: 'Keep the new model' }).click();
    await page.waitForSelector('[data-testid="export-panel"]');

    let after = 0;
    for (const drawing of probes) if ((await readOnTestPad(drawing.strokes)) === drawing.label) after += 1;
    console.info(
      `[teach] new boxy ${boxyStyleDigits.join('/')} read right: ${before}/${probes.length} before, ${after}/${probes.length} after`,
    );
    expect(after / probes.length).toBeGreaterThanOrEqual(0.9);
    expect(after).toBeGreaterThan(before);

    // The exported folder: glyph eval on the official MNIST test split, next to the shipped model.
    const exportedModels = path.join(workDir, 'models');
    const zipPath = await downloadModelFolder(exportedModels);
    const projectId = path.basename(zipPath, '.zip');
    const shipped = await glyphEval(path.join(modelsDir, 'digits'), 'mnist:test');
    const personal = await glyphEval(path.join(exportedModels, projectId), 'mnist:test');
    console.info(
      `[teach] MNIST test accuracy: shipped ${(shipped.accuracy * 100).toFixed(2)}%, personalized ${(personal.accuracy * 100).toFixed(2)}%`,
    );
    expect(personal.n).toBe(10_000);
    expect((shipped.accuracy - personal.accuracy) * 100).toBeLessThanOrEqual(0.3);

    // glyph serve loads it and answers with it.
    const served = await startServer({ modelsDir: exportedModels, webDir: await ensureWebBuild() });
    try {
      const models = (await (await fetch(`${served.url}/api/models`)).json()) as { id: string }[];
      expect(models.map((model) => model.id)).toEqual([projectId]);
    } finally {
      await served.close();
    }

    // A corrupt zip is refused with a clear message and creates nothing.
    const truncated = path.join(workDir, 'truncated.zip');
    await writeFile(truncated, (await readFile(zipPath)).subarray(0, 400));
    await page.goto(`${server.url}/#/projects`);
    await page.waitForSelector('.project-list[data-loaded="true"]');
    const projectsBefore = await page.locator('.project-list li').count();
    await page.locator('[data-testid="import-model"] input[type="file"]').setInputFiles(truncated);
    expect(await page.getByTestId('import-problem').textContent()).toMatch(
      /truncated\.zip.*(corrupt|truncated|not a zip)/i,
    );
    // The list is read again from IndexedDB: the refused zip added nothing.
    await page.reload();
    await page.waitForSelector('.project-list[data-loaded="true"]');
    expect(await page.locator('.project-list li').count()).toBe(projectsBefore);

    // The intact zip imports back as a project that reads like the exported model.
    await page.locator('[data-testid="import-model"] input[type="file"]').setInputFiles(zipPath);
    await page.waitForSelector('[data-testid="test-pad"]');
    expect(await readOnTestPad(probes[0].strokes)).toBe(probes[0].label);
  }, 900_000);
});
