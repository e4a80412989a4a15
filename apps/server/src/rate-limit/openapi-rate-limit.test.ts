import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../test-support/test-app';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;
type Operation = { responses: Record<string, { headers?: Record<string, unknown> }> };

/** A concrete URL for an OpenAPI path: every parameter filled with something routable. */
const concrete = (openapiPath: string) => openapiPath.replace(/\{id\}/g, 'digits').replace(/\{[^}]+\}/g, 'x');

describe('the OpenAPI document and the rate limit', () => {
  let test: TestApp;
  let document: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    test = await startTestApp({ allowModelUploads: true, rateLimit: { predict: 1, write: 1, read: 1 } });
    document = (await test.app.inject('/api/openapi.json')).json();
  });
  afterAll(() => test.app.close());

  it('documents 429 with Retry-After on exactly the operations that answer it', async () => {
    const limited: string[] = [];
    for (const [openapiPath, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // A client of its own per operation: its second request is over a budget of 1 if limited.
        const request = {
          method: method.toUpperCase() as 'GET',
          url: concrete(openapiPath),
          remoteAddress: freshAddress(),
        };
        await test.app.inject(request);
        const second = await test.app.inject(request);
        const documented = operation.responses['429'];
        const name = `${method.toUpperCase()} ${openapiPath}`;
        if (second.statusCode === 429) {
          limited.push(name);
          expect(second.headers['retry-after'], name).toBeDefined();
          expect(
            documented?.headers?.['Retry-After'],
            `${name} answers 429 but does not document it`,
          ).toBeDefined();
        } else {
          expect(documented, `${name} documents a 429 it never answers`).toBeUndefined();
        }
      }
    }
    expect(limited).toEqual(
      expect.arrayContaining([
        'POST /api/models/{id}/predict',
        'POST /predict/',
        'POST /api/feedback',
        'GET /api/models',
      ]),
    );
  });
});

let lastAddress = 0;
/** A new client address (10.1.x.y) each call. */
function freshAddress(): string {
  lastAddress += 1;
  return `10.1.${lastAddress >> 8}.${lastAddress & 255}`;
}
