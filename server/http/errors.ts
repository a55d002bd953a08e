import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** Thrown by handlers; rendered by the app's error handler as `{ error: { code, message } }`. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly issues: { path: string; message: string }[] | undefined;
  constructor(status: ContentfulStatusCode, code: string, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export function errorBody(code: string, message: string, issues?: { path: string; message: string }[]): ApiErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

export function jsonError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json(errorBody(code, message), status);
}

export function invalidInput(issues: { path: string; message: string }[]): ApiError {
  return new ApiError(
    400,
    'invalid_config',
    issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n'),
    issues,
  );
}
