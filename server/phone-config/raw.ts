import type { ApiErrorCode, ParamValues } from '../../contract/api-errors.ts';
import type { ParamsArg } from '../validation/issues.ts';
import type { FoundIssue, PathSegment } from './issues.ts';

/**
 * The cross-field rules read the document as it was sent, not zod's output, so that one bad field
 * (zod rejects the whole document) does not hide the other problems: the admin sees them all at once.
 * Anything of the wrong shape is skipped here; zod reports it.
 */
export type RawRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

export function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export interface Reporter {
  /** One problem: its path, the contract's code, the params its sentence needs. */
  report<C extends ApiErrorCode>(path: readonly PathSegment[], code: C, ...params: ParamsArg<C>): void;
  readonly issues: FoundIssue[];
}

export function createReporter(): Reporter {
  const issues: FoundIssue[] = [];
  return {
    issues,
    report(path, code, ...params) {
      const [values] = params as [ParamValues | undefined];
      issues.push({ path: [...path], code, ...(values ? { params: values } : {}) });
    },
  };
}

/** Active users by id, as the ring and outgoing rules need them. Users are active unless `active: false`. */
export interface UserDirectory {
  get(id: string): { role: unknown; active: boolean } | undefined;
}

export function userDirectory(document: unknown): UserDirectory {
  const byId = new Map<string, { role: unknown; active: boolean }>();
  for (const user of items(field(document, 'users'))) {
    const id = text(field(user, 'id'));
    if (id !== undefined && !byId.has(id)) byId.set(id, { role: field(user, 'role'), active: field(user, 'active') !== false });
  }
  return { get: (id) => byId.get(id) };
}

export function defaultCountryOf(document: unknown): string {
  return text(field(field(document, 'settings'), 'defaultCountry')) ?? 'JP';
}
