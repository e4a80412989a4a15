type Paths = Record<string, Record<string, unknown> | undefined>;

const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/**
 * A copy of an OpenAPI document's `paths` with every operation passed through `change`, given its
 * upper-case method and its route pattern (OpenAPI `{id}` turned back into Fastify's `:id`).
 */
export function mapOperations<Operation>(
  paths: Paths | undefined,
  change: (operation: Operation, method: string, routeUrl: string) => Operation,
): Paths {
  const mapped: Paths = {};
  for (const [openapiPath, operations] of Object.entries(paths ?? {})) {
    const routeUrl = openapiPath.replace(/\{(\w+)\}/g, ':$1');
    mapped[openapiPath] = Object.fromEntries(
      Object.entries(operations ?? {}).map(([method, operation]) => [
        method,
        methods.has(method) ? change(operation as Operation, method.toUpperCase(), routeUrl) : operation,
      ]),
    );
  }
  return mapped;
}
