import { z } from 'zod';

/** One field problem from a server 400: `path` as the server wrote it (`incoming[0].route.menu[1].label`). */
export interface FieldIssue {
  path: string;
  message: string;
}

const issueSchema = z.object({
  path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]),
  message: z.string(),
});
const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
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
  readonly issues: FieldIssue[];
  constructor(status: number, code: string, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }

  /** Reads the server's `{ error: { code, message, issues? } }`; anything else keeps the HTTP status. */
  static fromBody(status: number, body: unknown): ApiError {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success) return new ApiError(status, `http_${status}`, `HTTP ${status}`);
    const { code, message, issues = [] } = parsed.data.error;
    return new ApiError(
      status,
      code,
      message,
      issues.map((issue) => ({ path: issuePathToString(issue.path), message: issue.message })),
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

/**
 * The field errors under one form: issues whose path starts with `prefix` (a whole segment),
 * keyed by the rest of the path. `incoming[0].route.menu[1].label` under `incoming[0]` → `route.menu[1].label`.
 */
export function fieldErrorsUnder(issues: readonly FieldIssue[], prefix = ''): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    let rest: string | null = null;
    if (prefix === '') rest = issue.path;
    else if (issue.path === prefix) rest = '';
    else if (issue.path.startsWith(prefix + '.') ) rest = issue.path.slice(prefix.length + 1);
    else if (issue.path.startsWith(prefix + '[')) rest = issue.path.slice(prefix.length);
    if (rest !== null && !errors.has(rest)) errors.set(rest, issue.message);
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
