import { routeAccess } from './route-access';

type Operation = { security?: Record<string, string[]>[]; responses?: Record<string, unknown> };
type Document = {
  paths?: Record<string, Record<string, Operation | unknown> | undefined>;
  components?: object;
};

const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/**
 * Marks the OpenAPI document's key-protected operations (as `routeAccess` classifies them, by
 * default settings) with the two ways to send a key, so /api/docs shows them and offers "Authorize".
 */
export function withApiKeySecurity<T extends object>(openapi: T): T {
  const document = openapi as Document;
  const paths: NonNullable<Document['paths']> = {};
  for (const [openapiPath, operations] of Object.entries(document.paths ?? {})) {
    // OpenAPI `{id}` back to the route pattern `:id` that the classifier reads.
    const routeUrl = openapiPath.replace(/\{(\w+)\}/g, ':$1');
    paths[openapiPath] = Object.fromEntries(
      Object.entries(operations ?? {}).map(([method, operation]) => {
        const protectedOperation =
          methods.has(method) && routeAccess(method.toUpperCase(), routeUrl) === 'write';
        return [
          method,
          protectedOperation
            ? { ...(operation as Operation), security: [{ bearerKey: [] }, { headerKey: [] }] }
            : operation,
        ];
      }),
    );
  }
  return {
    ...openapi,
    paths,
    components: {
      ...document.components,
      securitySchemes: {
        bearerKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key: Authorization: Bearer <key>.',
        },
        headerKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'The same key as a header.',
        },
      },
    },
  } as T;
}
