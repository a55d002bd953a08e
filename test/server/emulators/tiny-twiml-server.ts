// A stand-in for the real server in the emulator's own tests: it checks signatures the way the real
// server must (twilio.validateRequest over PUBLIC_URL + path + query) and serves canned TwiML.

import { Hono } from 'hono';
import twilio from 'twilio';

export const PUBLIC_URL = 'https://yobidashi.example.jp';
export const AUTH_TOKEN = '9a1c2e3f4b5d6a7b8c9d0e1f2a3b4c5d';
export const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly signatureValid: boolean;
  readonly headers: Record<string, string>;
}

/** A TwiML body, or a handler (which may call the emulated REST API before answering, as our server does). */
type Route = string | ((params: Record<string, string>, request: ReceivedRequest) => string | Response | Promise<string | Response>);

/** `routes` maps a path (with its query, or without it as a fallback) to a TwiML body or a handler. */
export function createTinyTwimlServer(routes: Record<string, Route>) {
  const received: ReceivedRequest[] = [];
  const app = new Hono();
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const pathAndQuery = url.pathname + url.search;
    const body = c.req.method === 'POST' ? await c.req.text() : '';
    const params = c.req.method === 'POST' ? Object.fromEntries(new URLSearchParams(body)) : Object.fromEntries(url.searchParams);
    const signedParams = c.req.method === 'POST' ? params : {};
    const signatureValid = twilio.validateRequest(AUTH_TOKEN, c.req.header('X-Twilio-Signature') ?? '', PUBLIC_URL + pathAndQuery, signedParams);
    const request: ReceivedRequest = { method: c.req.method, path: pathAndQuery, params, signatureValid, headers: Object.fromEntries(c.req.raw.headers) };
    received.push(request);
    if (!signatureValid) return c.text('Twilio Request Validation Failed.', 403);
    const route = routes[pathAndQuery] ?? routes[url.pathname];
    if (route === undefined) return c.body('<Response/>', 200, { 'Content-Type': 'text/xml' });
    const answer = typeof route === 'string' ? route : await route(params, request);
    return typeof answer === 'string' ? c.body(answer, 200, { 'Content-Type': 'text/xml; charset=utf-8' }) : answer;
  });
  return {
    app,
    received,
    fetch: (request: Request) => app.request(request),
    /** Requests to one path, signature-checked ones only. */
    paths: () => received.map((request) => `${request.method} ${request.path}${request.signatureValid ? '' : ' (403)'}`),
  };
}

export const twiml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
