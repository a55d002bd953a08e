import type { Context, MiddlewareHandler } from 'hono';
import type { ApiIssue } from '../../contract/api-errors.ts';
import { issue } from '../validation/issues.ts';
import { bodyOf, invalidInput } from './errors.ts';
import { isStorableText } from './json-bounds.ts';

/** Where the URL (decoded once, as Hono hands it to handlers) holds text the database cannot store (a NUL, `%00`). */
export function unstorableUrlText(c: Context): ApiIssue[] {
  const problems: ApiIssue[] = [];
  if (!isStorableText(c.req.path)) problems.push(issue('path', 'invalid_characters'));
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (!isStorableText(key) || values.some((value) => !isStorableText(value))) problems.push(issue(`query.${key}`, 'invalid_characters'));
  }
  return problems;
}

/**
 * Such text is refused here, for every route, naming the query parameter (or the path), but under
 * `webhooksUnder`: Twilio's webhooks check their signature first and answer in TwiML
 * (routes/twilio/index.ts), since a JSON error is nothing Twilio can run.
 */
export function refuseUnstorableUrlText(options: { webhooksUnder?: string } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (options.webhooksUnder && c.req.path.startsWith(options.webhooksUnder)) return next();
    const problems = unstorableUrlText(c);
    if (problems.length === 0) return next();
    const error = invalidInput(problems);
    return c.json(bodyOf(error), error.status);
  };
}
