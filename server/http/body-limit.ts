import { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { respondWith } from './errors.ts';

/**
 * How much of a request body any route may read. Twilio's webhooks are a few kilobytes of form
 * parameters; the largest JSON document is a phone configuration (a few hundred kilobytes at most).
 * Audio uploads are bounded by their own route (MAX_AUDIO_BYTES plus the multipart envelope).
 */
export const BODY_LIMITS = {
  webhook: 64 * 1024,
  json: 1024 * 1024,
} as const;

/** Routes that bound their own body, before they read it. */
const OWN_LIMIT = (method: string, path: string) => method === 'POST' && (path === '/api/audio' || path === '/api/audio/');

/**
 * Every body is bounded before anything reads it: a declared Content-Length over the limit is
 * answered 413 at once, and a streamed body is read only up to the limit (hono/body-limit). The
 * server drops the rest of the upload rather than buffering it.
 */
export function requestBodyLimits(): MiddlewareHandler {
  const limited = (maxBytes: number) => bodyLimit({ maxSize: maxBytes, onError: (c) => respondWith(c, 'body_too_large', { maxBytes }) });
  const webhook = limited(BODY_LIMITS.webhook);
  const json = limited(BODY_LIMITS.json);
  return async (c, next) => {
    const { method } = c.req;
    if (method === 'GET' || method === 'HEAD' || OWN_LIMIT(method, c.req.path)) return next();
    const maxBytes = c.req.path.startsWith('/twilio/') ? BODY_LIMITS.webhook : BODY_LIMITS.json;
    // A declared length is all Node's parser will read, so the header alone decides. Asking it of the
    // headers (not of `c.req.raw.body`) keeps the request lightweight: the body is read once, later,
    // without a web stream in between.
    const declared = c.req.header('content-length');
    const streamed = c.req.header('transfer-encoding') !== undefined;
    if (declared !== undefined && /^\d+$/.test(declared) && !streamed) {
      return Number(declared) > maxBytes ? respondWith(c, 'body_too_large', { maxBytes }) : next();
    }
    // Over Node's HTTP/1.1 a request with neither header has no body at all (a bodiless POST such as
    // /api/token). A Request handed to the app in process may still carry a stream: that one is limited.
    if (declared === undefined && !streamed && cameOverNodeHttp(c.env)) return next();
    return (maxBytes === BODY_LIMITS.webhook ? webhook : json)(c, next);
  };
}

/** @hono/node-server passes the Node request as `env.incoming`; only then do the headers tell the whole story. */
function cameOverNodeHttp(env: unknown): boolean {
  return typeof env === 'object' && env !== null && 'incoming' in env && env.incoming instanceof IncomingMessage;
}
