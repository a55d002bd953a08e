// A request the call emulator does not serve: Twilio's 404, marked so that the REST app can hand the
// request to a fallback (the provisioning fake) when one is mounted.

import type { Context } from 'hono';
import { notFound, restError } from './errors.ts';

export const UNMATCHED_HEADER = 'X-Twilio-Emulator-Unmatched';

export function unmatched(c: Context): Response {
  const response = restError(c, notFound(c.req.path));
  response.headers.set(UNMATCHED_HEADER, '1');
  return response;
}
