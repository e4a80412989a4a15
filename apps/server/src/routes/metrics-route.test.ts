import { describe, expect, it } from 'vitest';
import { drawingPng } from '@glyph/testkit/png-fixtures';
import { digitLabels, startTestApp, tinyMetadata } from '../test-support/test-app';

describe('GET /metrics', () => {
  it('exposes request counts and latency per route and status, batches, queue depth and model state', async () => {
    const test = await startTestApp({
      models: { digits: tinyMetadata('digits', digitLabels), broken: '{}' },
    });
    await test.app.inject({ method: 'POST', url: '/api/models/digits/predict', payload: await drawingPng() });
    await test.app.inject({ method: 'POST', url: '/api/models/digits/predict', payload: 'nope' });
    await test.app.inject('/no/such/route');
    const response = await test.app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    const route = 'route="/api/models/:id/predict"';
    expect(text).toContain(`glyph_http_requests_total{method="POST",${route},status_code="200"} 1`);
    expect(text).toContain(`glyph_http_requests_total{method="POST",${route},status_code="415"} 1`);
    expect(text).toContain('glyph_http_requests_total{method="GET",route="unmatched",status_code="404"} 1');
    expect(text).toMatch(
      new RegExp(
        `glyph_http_request_duration_seconds_bucket\\{le="0.5",method="POST",${route},status_code="200"\\} 1`,
      ),
    );
    expect(text).toContain('glyph_batch_size_count{model="digits"} 1');
    expect(text).toContain('glyph_queue_depth{model="digits",version="1"} 0');
    expect(text).toContain('glyph_model_state{model="digits",version="1",state="ready"} 1');
    expect(text).toContain('glyph_model_state{model="broken",version="1",state="failed"} 1');
    expect(text).toContain('glyph_process_resident_memory_bytes');
    await test.app.close();
  });
});
