import { describe, expect, it } from 'vitest';
import { startTestApp } from '../test-support/test-app';

describe('the OpenAPI document and API keys', () => {
  it('marks exactly the key-protected operations with the Bearer and X-Api-Key schemes', async () => {
    const test = await startTestApp({ allowModelUploads: true });
    try {
      const document = (await test.app.inject('/api/openapi.json')).json() as {
        paths: Record<string, Record<string, { security?: unknown }>>;
        components: { securitySchemes: Record<string, { type: string }> };
      };
      expect(Object.keys(document.components.securitySchemes)).toEqual(['bearerKey', 'headerKey']);
      const secured = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => operation.security !== undefined)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
      expect(secured).toContain('PUT /api/models/{id}');
      expect(secured).toContain('POST /api/models/reload');
      expect(secured).toContain('POST /api/feedback');
      expect(secured).toContain('GET /api/feedback/files/{model}/{label}/{file}');
      expect(
        secured.every((operation) =>
          /feedback|review-folder|PUT \/api\/models|POST \/api\/models\/reload/.test(operation),
        ),
      ).toBe(true);
      expect(secured).not.toContain('POST /api/models/{id}/predict');
    } finally {
      await test.app.close();
    }
  });
});
