import type { z } from 'zod';
import {
  API_ERRORS,
  englishMessage,
  isApiErrorCode,
  type ApiErrorCode,
  type ApiErrorParams,
  type ApiIssue,
  type ParamValues,
} from '../../contract/api-errors.ts';

export type { ApiIssue } from '../../contract/api-errors.ts';

/**
 * Field problems in the contract's terms (contract/api-errors.ts): a JSON path, a stable code and
 * its params. zod's own wording never reaches the response: its issues are read by their structure.
 *
 * A schema names a domain-specific problem by giving the contract code as its message
 * (`.regex(ACCOUNT_SID, 'invalid_account_sid')`); everything else maps from the issue's kind.
 */

export type ParamsArg<C extends ApiErrorCode> = ApiErrorParams<C> extends undefined ? [params?: undefined] : [params: ApiErrorParams<C>];

/** A field problem: `issue('email', 'duplicate_email', { email })`. */
export function issue<C extends ApiErrorCode>(path: string, code: C, ...[params]: ParamsArg<C>): ApiIssue {
  return issueOf(path, code, params as ParamValues | undefined);
}

/** `issue` for params already checked elsewhere (a rule's found problem, a zod issue's bounds). */
export function issueOf(path: string, code: ApiErrorCode, params: ParamValues | undefined): ApiIssue {
  return { path, code, ...(params ? { params } : {}), message: englishMessage(code, params) };
}

/** `['incoming', 0, 'route', 'users', 1]` → `incoming[0].route.users[1]`. */
export function renderPath(segments: readonly PropertyKey[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}

/** A zod failure as contract issues, in zod's order. `input` is what was parsed (to tell "missing" from "wrong type"). */
export function zodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ApiIssue[] {
  return withoutSafeRangeEchoes(issues).map((found) => {
    const { code, params } = codeOfZodIssue(found, input);
    return issueOf(renderPath(found.path), code, params);
  });
}

/**
 * zod's `.int()` also reports a whole number outside ±2^53 ("at most 9007199254740991"), beside the
 * schema's own bound for the same value ("at most 168"): the admin needs the one they can act on.
 */
export function withoutSafeRangeEchoes(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const isEcho = (found: z.core.$ZodIssue) =>
    (found.code === 'too_big' && found.maximum === Number.MAX_SAFE_INTEGER) || (found.code === 'too_small' && found.minimum === Number.MIN_SAFE_INTEGER);
  const pathOf = (found: z.core.$ZodIssue) => renderPath(found.path);
  const bounded = new Set(issues.filter((found) => !isEcho(found)).map(pathOf));
  return issues.filter((found) => !isEcho(found) || !bounded.has(pathOf(found)));
}

/** zod's origins of a numeric bound: `.int()`'s own checks say `int`, not `number`. */
const NUMERIC_ORIGINS = new Set(['number', 'int', 'bigint']);

const EXPECTED: Record<string, ApiErrorCode> = {
  string: 'expected_text',
  number: 'expected_number',
  int: 'expected_whole_number',
  boolean: 'expected_true_false',
  object: 'expected_object',
  array: 'expected_list',
};

export function codeOfZodIssue(found: z.core.$ZodIssue, input: unknown): { code: ApiErrorCode; params?: ParamValues } {
  // A missing or mistyped value: the schema's own message (if any) is about the value's content.
  if (found.code === 'invalid_type') {
    if (valueAt(input, found.path) === undefined) return { code: 'required' };
    return { code: EXPECTED[found.expected] ?? 'invalid_input' };
  }
  const named = isApiErrorCode(found.message) ? found.message : null;
  const code = named ?? structuralCode(found);
  return { code, ...paramsFor(code, found) };
}

/** The code for a zod issue's kind; a kind none of our schemas produces today is the generic `invalid_input`. */
function structuralCode(found: z.core.$ZodIssue): ApiErrorCode {
  switch (found.code) {
    case 'too_small':
      if (found.origin === 'string') return 'empty';
      return NUMERIC_ORIGINS.has(found.origin) ? 'too_small' : 'invalid_input';
    case 'too_big':
      if (found.origin === 'string') return 'too_long';
      return NUMERIC_ORIGINS.has(found.origin) ? 'too_large' : 'too_many_items';
    case 'invalid_format':
      if (found.format === 'email') return 'invalid_email';
      if (found.format === 'url') return 'not_https_url';
      if (found.format === 'datetime' || found.format === 'date') return 'invalid_date';
      return 'invalid_input';
    case 'invalid_value':
      return 'not_one_of';
    case 'invalid_union':
      return 'options' in found && Array.isArray(found.options) ? 'not_one_of' : 'invalid_input';
    case 'unrecognized_keys':
      return 'unknown_fields';
    default:
      return 'invalid_input';
  }
}

/** The params the contract names for `code`, read from the zod issue (its bounds, its options, its keys). */
function paramsFor(code: ApiErrorCode, found: z.core.$ZodIssue): { params?: ParamValues } {
  const wanted = (API_ERRORS[code] as { params?: Record<string, unknown> }).params;
  if (!wanted) return {};
  const available: Record<string, string | number> = {};
  if (found.code === 'too_small') available.min = Number(found.minimum);
  if (found.code === 'too_big') available.max = Number(found.maximum);
  if (found.code === 'invalid_value') available.options = quoted(found.values);
  if (found.code === 'invalid_union' && 'options' in found && Array.isArray(found.options)) available.options = quoted(found.options);
  if (found.code === 'unrecognized_keys') available.fields = found.keys.join(', ');
  const params: Record<string, string | number> = {};
  for (const name of Object.keys(wanted)) {
    const value = available[name];
    if (value !== undefined) params[name] = value;
  }
  return Object.keys(params).length > 0 ? { params } : {};
}

const quoted = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** The value at a zod path in the input, or undefined when any step is missing. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}
