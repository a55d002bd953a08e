import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { withRequestLogContext } from '../logger.ts';
import type { AppDeps, AppEnv } from './deps.ts';

/** Every line logged for a request carries its id (and, once signed in, the user); one access-log line per response. */
export function requestLogging(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await withRequestLogContext({ reqId: c.get('requestId') }, async () => {
      await next();
      // Paths only: query strings of Twilio action URLs are harmless, but API queries may carry filters.
      deps.logger.info(
        { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
        'request',
      );
    });
  };
}

/**
 * CORS for the API: our extension's pages, and origins the operator configured. Nothing else.
 * Preflights go to hono's cors. For the requests themselves the two headers are set before the
 * handler, so they go out with its response: hono's cors sets them on a response made before the
 * handler's and adds `Vary` after it, copying the handler's response each time: about 60 of the 160 µs
 * of CPU a `POST /api/token` took, measured with and without. Handlers answer through the context
 * (`c.json`, `c.body`, `streamSSE`) for these headers to be kept.
 */
export function apiCors(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const allowed = (origin: string) => {
    if (deps.corsOrigins.includes(origin)) return true;
    const match = origin.match(/^(chrome|moz)-extension:\/\/([^/]+)$/);
    if (!match?.[2]) return false;
    return deps.extensionIds.length === 0 || deps.extensionIds.includes(match[2]);
  };
  const preflight = cors({
    origin: (origin) => (origin && allowed(origin) ? origin : null),
    // If-Match: PUT /api/config sends back the ETag of the document it edited.
    allowHeaders: ['Authorization', 'Content-Type', 'If-Match'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('Origin');
    if (origin && allowed(origin)) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'ETag');
    }
    c.header('Vary', 'Origin');
    await next();
  };
}
