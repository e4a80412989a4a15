// Pointer input as a user gives it: mouse drags through page.mouse, finger strokes as real touch
// events through the Chrome DevTools Protocol (Chromium turns them into touch pointer events).
import type { CDPSession, Page } from 'playwright-core';
import type { Glyph } from '@glyph/testkit/strokes';

export const canvasSelector = 'canvas.ink-canvas';

async function canvasOrigin(page: Page, selector = canvasSelector): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error('The drawing canvas is not visible.');
  return { x: box.x, y: box.y };
}

/** Draws on the page's one drawing canvas, or on the canvas `selector` names when there are several. */
export async function drawWithMouse(page: Page, glyph: Glyph, selector = canvasSelector): Promise<void> {
  const origin = await canvasOrigin(page, selector);
  for (const stroke of glyph) {
    await page.mouse.move(origin.x + stroke[0].x, origin.y + stroke[0].y);
    await page.mouse.down();
    for (const point of stroke.slice(1)) await page.mouse.move(origin.x + point.x, origin.y + point.y);
    await page.mouse.up();
  }
}

/**
 * The mouse events `page.mouse` sends, but each stroke dispatched in one burst without waiting for
 * every event's acknowledgement: a fast hand. Chromium coalesces the moves (the canvas reads them
 * back with getCoalescedEvents), and a drawing takes tens of milliseconds instead of a second.
 */
export async function drawWithMouseBurst(page: Page, session: CDPSession, glyph: Glyph): Promise<void> {
  const origin = await canvasOrigin(page);
  type MouseEventType = 'mousePressed' | 'mouseMoved' | 'mouseReleased';
  const send = (type: MouseEventType, point: { x: number; y: number }) =>
    session.send('Input.dispatchMouseEvent', {
      type,
      x: origin.x + point.x,
      y: origin.y + point.y,
      button: 'left',
      buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: 1,
    });
  for (const stroke of glyph) {
    await Promise.all([
      send('mousePressed', stroke[0]),
      ...stroke.slice(1).map((point) => send('mouseMoved', point)),
      send('mouseReleased', stroke[stroke.length - 1]),
    ]);
  }
}

export async function drawWithTouch(page: Page, session: CDPSession, glyph: Glyph): Promise<void> {
  const origin = await canvasOrigin(page);
  const at = (point: { x: number; y: number }) => [{ x: origin.x + point.x, y: origin.y + point.y, id: 1 }];
  for (const stroke of glyph) {
    await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(stroke[0]) });
    for (const point of stroke.slice(1)) {
      await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(point) });
    }
    await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
}

/** Waits until the prediction shown belongs to the current drawing, and returns its headline. */
export async function settledAnswer(page: Page): Promise<{ headline: string; status: string }> {
  await page.waitForSelector(
    '[data-testid="result"][data-fresh="true"] [data-testid="answer"]:not([data-status="loading"])',
  );
  const answer = page.locator('[data-testid="answer"]').first();
  return {
    headline: (await answer.locator('[data-testid="answer-headline"]').textContent()) ?? '',
    status: (await answer.getAttribute('data-status')) ?? '',
  };
}

/** "12.3%" → 12.3; "<0.1%" → 0.05, the middle of what it stands for. */
export function percentValue(text: string): number {
  return text.startsWith('<') ? 0.05 : parseFloat(text);
}

export async function topPredictions(
  page: Page,
  scope = '[data-testid="result"]',
): Promise<{ label: string; percent: string }[]> {
  return page.locator(`${scope} .top-item`).evaluateAll((items) =>
    items.map((item) => ({
      label: item.querySelector('.top-label')?.textContent ?? '',
      percent: item.querySelector('.top-percent')?.textContent ?? '',
    })),
  );
}
