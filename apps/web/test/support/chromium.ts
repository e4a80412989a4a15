/* eslint-disable no-restricted-imports -- browser tests run in Node and drive Chromium; they are not app code. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.GLYPH_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; Playwright cannot download its own browser here. `extraArgs` add flags (e.g. a fake camera). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. Install it with \`apt-get install -y chromium\` (or run scripts/setup.sh), or set GLYPH_CHROMIUM to a Chromium binary.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      ...extraArgs,
    ],
  });
}
