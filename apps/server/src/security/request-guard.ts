import { GlyphError } from '@glyph/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from '../errors/error-handler';
import { hostHeaderName, normalizeHostname } from './allowed-hosts';

export interface RequestGuardOptions {
  /** Host names the server answers for (see `resolveAllowedHosts`); containing `*` turns the check off. */
  readonly allowedHosts: readonly string[];
  /** CORS origins (`--cors`): pages there may send requests too; `*` allows every page. */
  readonly corsOrigins: readonly string[];
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Two checks before any route runs. DNS rebinding: a page on attacker.example whose name now resolves
 * to 127.0.0.1 reaches a loopback server with `Host: attacker.example`, so a Host outside the
 * allowlist gets 421 HOST_NOT_ALLOWED. Cross-site requests: a page may POST text/plain, form and
 * multipart bodies anywhere without a CORS preflight, so a request that is not a read and comes from
 * a page of another site (its Origin, or `Sec-Fetch-Site: cross-site`) gets 403 ORIGIN_NOT_ALLOWED
 * unless that origin is allowed by `--cors` or names an allowed host.
 */
export function registerRequestGuard(app: FastifyInstance, options: RequestGuardOptions): void {
  const anyHost = options.allowedHosts.includes('*');
  const allowedHosts = new Set(options.allowedHosts.map(normalizeHostname));
  const anyOrigin = options.corsOrigins.includes('*');
  const corsOrigins = new Set(options.corsOrigins.map((origin) => origin.toLowerCase().replace(/\/$/, '')));

  app.addHook('onRequest', (request, reply, done) => {
    if (!anyHost) {
      const name = hostHeaderName(request.headers.host ?? '');
      if (name === undefined || !allowedHosts.has(name)) {
        return sendError(reply, hostNotAllowed(request.headers.host));
      }
    }
    if (!safeMethods.has(request.method) && !anyOrigin) {
      const origin = foreignOrigin(request, anyHost ? null : allowedHosts, corsOrigins);
      if (origin !== undefined) return sendError(reply, originNotAllowed(request, origin));
    }
    done();
  });
}

/** The request's foreign origin, if a page of another site sent it; undefined if not. */
function foreignOrigin(
  request: FastifyRequest,
  allowedHosts: ReadonlySet<string> | null,
  corsOrigins: ReadonlySet<string>,
): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (corsOrigins.has(origin.toLowerCase())) return undefined;
    const name = originHostname(origin);
    if (name === undefined) return origin;
    // With the Host check off, "same site" can only mean the host the request was sent to.
    const hosts = allowedHosts ?? new Set([hostHeaderName(request.headers.host ?? '')]);
    return hosts.has(name) ? undefined : origin;
  }
  return request.headers['sec-fetch-site'] === 'cross-site' ? 'another site' : undefined;
}

function originHostname(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? normalizeHostname(url.hostname)
      : undefined;
  } catch {
    return undefined; // `null` (sandboxed frames, file: pages) and anything unparsable is foreign
  }
}

function hostNotAllowed(host: string | undefined): GlyphError {
  return new GlyphError(
    'HOST_NOT_ALLOWED',
    `This server does not answer for the host "${(host ?? '').slice(0, 100)}". Use its own address, or start it with --allowed-hosts <names> to accept that name.`,
  );
}

function originNotAllowed(request: FastifyRequest, origin: string): GlyphError {
  return new GlyphError(
    'ORIGIN_NOT_ALLOWED',
    `${request.method} requests from pages of ${origin.slice(0, 100)} are refused (cross-site request). Allow that origin with --cors <origin>, or call the API from a server or script.`,
  );
}
