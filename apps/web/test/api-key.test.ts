/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
// A server started with API keys: the web app says where to enter the key when a write is refused,
// sends it once entered (feedback stored, review listing and its images load), and keeps predicting
// without one (predict is public).
import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { drawWithMouse, settledAnswer } from './support/page-input';
import { digitGlyphs, place } from '@glyph/testkit/strokes';
import { startServer, type RunningServer } from './support/test-server';
import { writeTinyModelsDir } from './support/tiny-models';
import { ensureWebBuild } from './support/web-build';

const key = 'test-key-for-the-web-app';
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const [webDir, modelsDir] = await Promise.all([ensureWebBuild(), writeTinyModelsDir()]);
  const entry = `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')} web write`;
  server = await startServer({ modelsDir, webDir, apiKeys: [entry] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (server) await rm(server.modelsDir, { recursive: true, force: true });
});

async function sendFeedback(label: string): Promise<void> {
  await page.goto(`${server.url}/#/`);
  await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
  await drawWithMouse(page, place(digitGlyphs[label][0], { x: 90, y: 60, size: 220 }));
  await settledAnswer(page);
  await page.getByLabel('Wrong? It was').selectOption(label);
  await page.getByRole('button', { name: 'Send' }).click();
}

describe('web app against a server with API keys', () => {
  it('asks for the key when feedback is refused, then stores and reviews it with the key', async () => {
    await sendFeedback('5');
    await page.waitForSelector('.feedback-status.failed');
    expect(await page.locator('.feedback-status').textContent()).toMatch(/Models → Server key/);

    await page.goto(`${server.url}/#/models`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Save key' }).click();
    await sendFeedback('5');
    await page.waitForSelector('.feedback-status.sent');
    const stored = await readdir(path.join(server.feedbackDir, 'digits', '5'));
    expect(stored.filter((file) => file.endsWith('.png'))).toHaveLength(1);

    await page.goto(`${server.url}/#/review`);
    await page.waitForSelector('[data-testid="review-row"] img');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="review-row"] img')
          .evaluate((image: HTMLImageElement) => image.naturalWidth),
      )
      .toBeGreaterThan(0);
  }, 120_000);
});
