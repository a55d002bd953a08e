import { HTTPException } from 'hono/http-exception';
import { sqlStateOf } from '../store/sql-state.ts';
import { apiError, ApiError } from './errors.ts';

/**
 * PostgreSQL's "this text cannot be stored" errors: a NUL byte (22021
 * character_not_in_repertoire), an escape jsonb cannot hold (22P05 untranslatable_character).
 * The edge refuses such text first; this keeps any path it does not cover a 400, not a 500.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

function isUnstorableText(error: unknown): boolean {
  return UNSTORABLE_TEXT.has(sqlStateOf(error) ?? '');
}

/** Whatever a handler threw, as the contract's error (unknown errors are `internal`, 500). */
export function errorFromThrown(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  if (isUnstorableText(thrown)) return apiError('unsupported_characters');
  // Hono's own refusals (a malformed body it parses itself): a 4xx stays a 4xx.
  if (thrown instanceof HTTPException && thrown.status < 500) return apiError('invalid_input');
  return apiError('internal');
}
