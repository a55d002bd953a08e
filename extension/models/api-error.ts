import { z } from 'zod';
import type { ParamValues } from '../../contract/api-errors.ts';
import { apiErrorText, issueText, type ErrorLanguage } from '@/locales/api-error-text';
import { apiErrorFallback } from '@/locales/api-error-messages';
import { translate, uiLanguage } from '@/locales/i18n';

/**
 * The server's errors as the contract sends them (contract/api-errors.ts): a code, its params and,
 * for a 400, the field problems. The page words them from its own dictionary in its own language;
 * the server's `message` is English for logs and is never shown.
 */

/** One field problem from a server 400: `path` as the server wrote it (`incoming[0].route.menu[1].label`). */
export interface FieldIssue {
  path: string;
  code: string;
  params?: ParamValues;
  /** The server's English, for logs. */
  message: string;
}

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
const issueSchema = z.object({
  path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]),
  // A server older than the contract sent no code: its issue is worded generically.
  code: z.string().default('invalid_input'),
  params: paramsSchema.optional(),
  message: z.string(),
});
const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    params: paramsSchema.optional(),
    issues: z.array(issueSchema).optional(),
  }),
});

/** `['incoming', 0, 'route']` → `incoming[0].route`; strings pass through. */
export function issuePathToString(path: string | readonly (string | number)[]): string {
  if (typeof path === 'string') return path;
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part),
    '',
  );
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: ParamValues | undefined;
  readonly issues: FieldIssue[];
  /** Data beside the wording (`usedBy` of a 409 number_in_use, `twilioCode`, `moreInfo`). */
  readonly details: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    message: string,
    issues: FieldIssue[] = [],
    extras: { params?: ParamValues | undefined; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.params = extras.params;
    this.details = extras.details ?? {};
  }

  /** Reads the contract's error body; anything else keeps the HTTP status. */
  static fromBody(status: number, body: unknown): ApiError {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success) return new ApiError(status, `http_${status}`, `HTTP ${status}`);
    const { code, message, params, issues = [], ...details } = parsed.data.error;
    return new ApiError(
      status,
      code,
      message,
      issues.map((issue) => ({ path: issuePathToString(issue.path), code: issue.code, ...(issue.params ? { params: issue.params } : {}), message: issue.message })),
      { params, details },
    );
  }
}

/** A network failure (fetch rejected): the server is unreachable, not wrong. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

/** What to show for a failure, in `language`: the contract's sentence, never the server's English. */
export function errorText(failure: unknown, language: ErrorLanguage = uiLanguage.value): string {
  if (failure instanceof ApiError) return apiErrorText(language, failure);
  if (failure instanceof NetworkError) return translate(language, 'error.network');
  return apiErrorFallback[language];
}

/**
 * What to show for a refused action that has no field of its own on screen (a button in a table row):
 * the problem the server named, rather than "check your input" with nowhere to look.
 */
export function refusalText(failure: unknown, language: ErrorLanguage = uiLanguage.value): string {
  const first = failure instanceof ApiError && failure.code === 'invalid_input' ? failure.issues[0] : undefined;
  return first ? fieldIssueText(first, language) : errorText(failure, language);
}

/** What to show under a field for one of its problems. */
export function fieldIssueText(issue: Pick<FieldIssue, 'code' | 'params'>, language: ErrorLanguage = uiLanguage.value): string {
  return issueText(language, issue);
}

/**
 * The field errors under one form, worded in `language`: issues whose path starts with `prefix` (a
 * whole segment), keyed by the rest of the path. `incoming[0].route.menu[1].label` under
 * `incoming[0]` → `route.menu[1].label`.
 */
export function fieldErrorsUnder(issues: readonly FieldIssue[], prefix = '', language: ErrorLanguage = uiLanguage.value): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    let rest: string | null = null;
    if (prefix === '') rest = issue.path;
    else if (issue.path === prefix) rest = '';
    else if (issue.path.startsWith(prefix + '.')) rest = issue.path.slice(prefix.length + 1);
    else if (issue.path.startsWith(prefix + '[')) rest = issue.path.slice(prefix.length);
    if (rest !== null && !errors.has(rest)) errors.set(rest, fieldIssueText(issue, language));
  }
  return errors;
}

/** The error shown next to a field: its own, or the first of its parts (`users[0]` shows at `users`). */
export function errorForField(errors: ReadonlyMap<string, string>, field: string): string | undefined {
  const own = errors.get(field);
  if (own !== undefined) return own;
  for (const [path, message] of errors) {
    if (path.startsWith(field + '[') || path.startsWith(field + '.')) return message;
  }
  return undefined;
}
