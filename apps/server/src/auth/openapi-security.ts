import { mapOperations } from '../docs/map-operations';
import { routeAccess } from './route-access';

type Operation = { security?: Record<string, string[]>[]; responses?: Record<string, unknown> };
type Document = {
  paths?: Record<string, Record<string, Operation | unknown> | undefined>;
  components?: object;
};

/**
 * Marks the OpenAPI document's key-protected operations (as `routeAccess` classifies them, by
 * default settings) with the two ways to send a key, so /api/docs shows them and offers "Authorize".
 */
export function withApiKeySecurity<T extends object>(openapi: T): T {
  const document = openapi as Document;
  const paths = mapOperations<Operation>(document.paths, (operation, method, routeUrl) =>
    routeAccess(method, routeUrl) === 'write'
      ? { ...operation, security: [{ bearerKey: [] }, { headerKey: [] }] }
      : operation,
  );
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
