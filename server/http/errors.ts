import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  API_ERRORS,
  englishMessage,
  isApiErrorCode,
  type ApiErrorCode,
  type ApiErrorPayload,
  type ApiIssue,
  type ParamValues,
} from '../../contract/api-errors.ts';
import type { ParamsArg } from '../validation/issues.ts';

export type { ApiErrorCode, ApiIssue } from '../../contract/api-errors.ts';

export interface ApiErrorBody {
  error: ApiErrorPayload & Record<string, unknown>;
}

/**
 * Thrown by handlers; rendered by the app's error handler as the contract's error body
 * (contract/api-errors.ts). Build one with `apiError(code, params)`: the status and the English
 * message come from the contract.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly params: ParamValues | undefined;
  readonly issues: ApiIssue[] | undefined;
  /** Data for the page beside the wording (`usedBy`, `twilioCode`), spread into the error object. */
  readonly details: Record<string, unknown>;
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    issues?: ApiIssue[],
    extras: { params?: ParamValues; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.params = extras.params;
    this.details = extras.details ?? {};
  }
}

export { issue } from '../validation/issues.ts';

/** The contract's error for `code`: its status, its English message, its params. */
export function apiError<C extends ApiErrorCode>(code: C, ...[params]: ParamsArg<C>): ApiError {
  const values = params as ParamValues | undefined;
  return new ApiError(API_ERRORS[code].status, code, englishMessage(code, values), undefined, values ? { params: values } : {});
}

/** The same with details for the page (`{ usedBy }`). */
export function apiErrorWith<C extends ApiErrorCode>(code: C, details: Record<string, unknown>, ...[params]: ParamsArg<C>): ApiError {
  const values = params as ParamValues | undefined;
  return new ApiError(API_ERRORS[code].status, code, englishMessage(code, values), undefined, { details, ...(values ? { params: values } : {}) });
}

/** `invalid_input` (a request body or query) or `invalid_config` (the phone configuration), listing every issue. */
export function invalidWith(code: 'invalid_input' | 'invalid_config', issues: ApiIssue[]): ApiError {
  const message = issues.map((problem) => (problem.path ? `${problem.path}: ${problem.message}` : problem.message)).join('\n');
  return new ApiError(400, code, message || englishMessage(code), issues);
}

export function invalidInput(issues: ApiIssue[]): ApiError {
  return invalidWith('invalid_input', issues);
}

export function invalidConfig(issues: ApiIssue[]): ApiError {
  return invalidWith('invalid_config', issues);
}

export function errorBody(code: string, message: string, issues?: ApiIssue[], extras: { params?: ParamValues; details?: Record<string, unknown> } = {}): ApiErrorBody {
  return {
    error: {
      ...extras.details,
      code: code as ApiErrorCode,
      message,
      ...(extras.params ? { params: extras.params } : {}),
      ...(issues ? { issues } : {}),
    },
  };
}

export function bodyOf(error: ApiError): ApiErrorBody {
  return errorBody(error.code, error.message, error.issues, { params: error.params, details: error.details });
}

/** Answers the contract's error for `code` from a middleware (no throw). */
export function respondWith<C extends ApiErrorCode>(c: Context, code: C, ...params: ParamsArg<C>): Response {
  const error = apiError(code, ...params);
  return c.json(bodyOf(error), error.status);
}

export { isApiErrorCode };
