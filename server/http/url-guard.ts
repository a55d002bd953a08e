import type { MiddlewareHandler } from 'hono';
import type { ApiIssue } from '../../contract/api-errors.ts';
import { issue } from '../validation/issues.ts';
import { bodyOf, invalidInput } from './errors.ts';
import { isStorableText } from './json-bounds.ts';

/**
 * Path and query reach handlers decoded once (Hono decodes them); text the database cannot store
 * (a NUL, `%00`) is refused here, for every route, naming the query parameter (or the path).
 */
export function refuseUnstorableUrlText(): MiddlewareHandler {
  return async (c, next) => {
    const problems: ApiIssue[] = [];
    if (!isStorableText(c.req.path)) problems.push(issue('path', 'invalid_characters'));
    for (const [key, values] of Object.entries(c.req.queries())) {
      if (!isStorableText(key) || values.some((value) => !isStorableText(value))) problems.push(issue(`query.${key}`, 'invalid_characters'));
    }
    if (problems.length === 0) return next();
    const error = invalidInput(problems);
    return c.json(bodyOf(error), error.status);
  };
}
