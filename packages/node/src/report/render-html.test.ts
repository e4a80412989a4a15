import { describe, expect, it } from 'vitest';
import { buildReportHtml } from './build-report-html';
import { fixtureImages, fixtureReport } from '../testing';

function embeddedJson(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html);
  if (!match) throw new Error(`no #${id} block`);
  return JSON.parse(match[1]);
}

describe('buildReportHtml', () => {
  it('is self-contained: no external scripts, styles, images or links', async () => {
    const html = await buildReportHtml(fixtureReport(), { data: fixtureImages(12, ['0', '1', '2']) });
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(5);
  });

  it('contains the data and the charts', async () => {
    const report = fixtureReport();
    const html = await buildReportHtml(report);
    expect(embeddedJson(html, 'glyph-report')).toEqual(report);
    expect(Object.keys(embeddedJson(html, 'glyph-charts') as object)).toEqual([
      'confusion',
      'per-class',
      'most-confused',
    ]);
    expect(html.match(/<svg\b/g)?.length).toBe(3);
    // Hovering a confusion cell shows its numbers without any script.
    expect(html).toMatch(/<title>true 0, predicted 1: 1 \(25\.00% of true 0\)<\/title>/);
    expect(html).toContain('75.00%');
  });

  it('states a held-out partition plainly', async () => {
    const html = await buildReportHtml(fixtureReport(['0', '1', '2'], { holdoutFraction: 0.2 }));
    expect(html).toMatch(
      /<p class="partition holdout" role="note"><strong>Held-out partition, not the official test split\.<\/strong>/,
    );
  });

  it('escapes labels and keeps embedded JSON from closing its script', async () => {
    const html = await buildReportHtml(fixtureReport(['<b>', '</script>', 'ok']));
    expect(html).not.toContain('<b></th>');
    expect(html).toContain('&lt;b&gt;');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect((embeddedJson(html, 'glyph-report') as { labels: string[] }).labels).toEqual([
      '<b>',
      '</script>',
      'ok',
    ]);
  });
});
