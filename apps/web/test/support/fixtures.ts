// Test images drawn by the browser itself (canvas → PNG), so no image library is needed in Node.
import type { Page } from 'playwright-core';
import type { Glyph } from '@glyph/testkit/strokes';

/** PNG bytes of `glyphs` drawn black on white (or on transparent) in a `width`×`height` image. */
export async function glyphPng(
  page: Page,
  glyphs: readonly Glyph[],
  options: { width: number; height: number; lineWidth: number; transparent?: boolean },
): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ({ glyphs, width, height, lineWidth, transparent }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      if (!transparent) {
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, width, height);
      }
      ctx.strokeStyle = '#000';
      ctx.lineWidth = lineWidth;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      for (const glyph of glyphs) {
        for (const stroke of glyph) {
          ctx.beginPath();
          stroke.forEach((point, i) =>
            i === 0 ? ctx.moveTo(point.x, point.y) : ctx.lineTo(point.x, point.y),
          );
          ctx.stroke();
        }
      }
      return canvas.toDataURL('image/png');
    },
    { glyphs: glyphs as Glyph[], ...options, transparent: options.transparent ?? false },
  );
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** Puts files on the page as `File`s and fires `paste` on the window. */
export async function pasteFiles(
  page: Page,
  files: readonly { name: string; bytes: Buffer }[],
): Promise<void> {
  await page.evaluate(
    (payload) => {
      const transfer = new DataTransfer();
      for (const file of payload) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: 'image/png' }));
      }
      window.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    },
    files.map((file) => ({ name: file.name, base64: file.bytes.toString('base64') })),
  );
}

/** Drags files over `selector` and drops them, as a file manager would. */
export async function dropFiles(
  page: Page,
  selector: string,
  files: readonly { name: string; bytes: Buffer }[],
): Promise<void> {
  const transfer = await page.evaluateHandle(
    (payload) => {
      const data = new DataTransfer();
      for (const file of payload) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        data.items.add(new File([bytes], file.name, { type: 'image/png' }));
      }
      return data;
    },
    files.map((file) => ({ name: file.name, base64: file.bytes.toString('base64') })),
  );
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}
