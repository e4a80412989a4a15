/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// The review view in real Chromium against the real server: feedback sent from drawings, relabel
// and delete with the keyboard and the buttons (files moved on disk), a server restart, undo; and a
// sequence-mode correction stored as one sample per character.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeImage, encodePng } from '@glyph/node/image';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import { buildApp } from '@glyph/server';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { drawWithMouse, settledAnswer } from './support/page-input';
import { digitGlyphs, place } from '@glyph/testkit/strokes';
import { writeTinyModelsDir } from './support/tiny-models';
import { ensureWebBuild } from './support/web-build';

let webDir: string;
let modelsDir: string;
let feedbackDir: string;
let server: FastifyInstance;
let url: string;
let browser: Browser;
let page: Page;

/** The real server on a fixed feedback folder, so a restart finds what the last one left. */
async function startServer(port = 0): Promise<void> {
  server = await buildApp({
    modelsDir,
    webDir,
    feedbackDir,
    logger: false,
    // As `npm start` serves it: one local user, so the review routes need no API key.
    requireKeys: false,
    dependencies: { loadRecognizer: loadRecognizerFromFolder, decodeImage, encodePng },
  });
  await server.listen({ host: '127.0.0.1', port });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address.');
  url = `http://127.0.0.1:${address.port}`;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if ((await fetch(`${url}/readyz`).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The server did not become ready.');
}

/** Every stored PNG as `<model>/<label>/<file>`, trash and records left out. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(feedbackDir, { recursive: true });
  return entries
    .map((entry) => entry.split(path.sep).join('/'))
    .filter((entry) => entry.endsWith('.png') && !entry.startsWith('.'))
    .sort();
}

const rows = () => page.getByTestId('review-row');

async function openReview(): Promise<void> {
  await page.goto(`${url}/#/review`);
  await page.waitForSelector('[data-testid="review-row"]');
}

/** Waits until the listing shows `count` rows after an action and its status line. */
async function settled(count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelectorAll('[data-testid="review-row"]').length === expected,
    count,
  );
}

async function statusMatches(pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    (source) =>
      new RegExp(source).test(document.querySelector('[data-testid="review-status"]')?.textContent ?? ''),
    pattern.source,
  );
}

beforeAll(async () => {
  [webDir, modelsDir] = await Promise.all([ensureWebBuild(), writeTinyModelsDir()]);
  feedbackDir = await mkdtemp(path.join(tmpdir(), 'glyph-review-feedback-'));
  await startServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(feedbackDir, { recursive: true, force: true });
  await rm(modelsDir, { recursive: true, force: true });
});

describe('review view', () => {
  it('relabels and deletes with keys and buttons, keeps it across a restart, and undoes', async () => {
    // Feedback for three drawings, as a writer sends it.
    for (const label of ['3', '5', '8']) {
      await page.goto(`${url}/#/`);
      await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
      await drawWithMouse(page, place(digitGlyphs[label][0], { x: 90, y: 60, size: 220 }));
      await settledAnswer(page);
      await page.getByLabel('Wrong? It was').selectOption(label);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.waitForSelector('.feedback-status.sent');
    }
    const original = await storedFiles();
    expect(original.map((file) => file.split('/').slice(0, 2).join('/'))).toEqual([
      'digits/3',
      'digits/5',
      'digits/8',
    ]);
    const bytes = new Map(
      await Promise.all(
        original.map(
          async (file) => [file.split('/')[2], await readFile(path.join(feedbackDir, file))] as const,
        ),
      ),
    );

    await openReview();
    await settled(3);
    // Sorted by loss, highest first, each with the model's reading.
    const losses = (await page.getByTestId('review-loss').allTextContents()).map((text) =>
      Number(/loss ([\d.]+)/.exec(text)![1]),
    );
    expect(losses).toEqual([...losses].sort((a, b) => b - a));
    expect(await page.getByTestId('review-guess').first().textContent()).toMatch(/^\d \([\d.]+\s?%\)$/);
    expect(await page.locator('.review-help').textContent()).toContain('Delete / Backspace');

    // Keyboard: move to the second row, relabel it with the "1" key.
    await page.keyboard.press('j');
    const second = rows().nth(1);
    await page.waitForSelector('[data-testid="review-row"]:nth-child(2)[aria-current="true"]');
    const relabelled = (await second.getAttribute('data-path'))!;
    await page.keyboard.press('1');
    await statusMatches(/Relabelled “\d” → “1”/);
    const relabelledName = relabelled.split('/')[2];
    await expect.poll(storedFiles).toContain(`digits/1/${relabelledName}`);
    expect(await storedFiles()).not.toContain(relabelled);

    // Button: delete the row that is now first.
    await settled(3);
    const deleted = (await rows().first().getAttribute('data-path'))!;
    await page.getByRole('button', { name: 'Delete sample 1' }).click();
    await settled(2);
    expect(await storedFiles()).not.toContain(deleted);
    expect(await readFile(path.join(feedbackDir, '.trash', ...deleted.split('/')))).toEqual(
      bytes.get(deleted.split('/')[2]),
    );

    // Restart the server on the same folders; the page reloads and sees the same state.
    await server.close();
    const port = Number(new URL(url).port);
    await startServer(port);
    await openReview();
    await settled(2);
    expect(await storedFiles()).toHaveLength(2);
    await page.waitForSelector(`[data-path="digits/1/${relabelledName}"]`);

    // Undo (the button, then Ctrl+Z): the delete, then the relabel; the exact bytes come back.
    await page.waitForSelector('[data-testid="review-undo"]:not([disabled])');
    await page.getByTestId('review-undo').click();
    await settled(3);
    expect(await storedFiles()).toContain(deleted);
    expect(await readFile(path.join(feedbackDir, ...deleted.split('/')))).toEqual(
      bytes.get(deleted.split('/')[2]),
    );
    await page.keyboard.press('Control+z');
    await statusMatches(/Undone: relabelled/);
    await expect.poll(storedFiles).toEqual(original);
    for (const file of original) {
      expect(await readFile(path.join(feedbackDir, file))).toEqual(bytes.get(file.split('/')[2]));
    }
    await page.waitForSelector('[data-testid="review-undo"][disabled]');
  }, 180_000);

  it('stores one sample per character for a corrected sequence', async () => {
    await rm(feedbackDir, { recursive: true, force: true });
    await page.goto(`${url}/#/`);
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    await page.getByLabel('Number or word', { exact: true }).check();
    for (const [index, label] of ['7', '1', '4'].entries()) {
      await drawWithMouse(page, place(digitGlyphs[label][0], { x: 40 + index * 150, y: 150, size: 140 }));
    }
    await settledAnswer(page);
    const menus = page.getByTestId('sequence-correction');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="sequence-correction"]').length === 3,
    );
    for (const [index, label] of ['7', '1', '4'].entries()) await menus.nth(index).selectOption(label);
    await page.getByRole('button', { name: 'Send corrections' }).click();
    await page.waitForSelector('.sequence-feedback .feedback-status.sent');
    expect(await page.locator('.sequence-feedback .feedback-status').textContent()).toMatch(
      /Saved 3 samples, one per character/,
    );
    const files = await storedFiles();
    expect(files.map((file) => file.split('/').slice(0, 2).join('/')).sort()).toEqual([
      'digits/1',
      'digits/4',
      'digits/7',
    ]);
    await page.getByLabel('One character', { exact: true }).check();
  }, 120_000);
});
