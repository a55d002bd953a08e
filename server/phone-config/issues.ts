import type { z } from 'zod';
import type { ApiErrorCode, ApiIssue, ParamValues } from '../../contract/api-errors.ts';
import { codeOfZodIssue, issueOf, renderPath, withoutSafeRangeEchoes } from '../validation/issues.ts';

/**
 * One problem in a phone configuration document: its path (`incoming[0].route.menu[1].action.users[0]`),
 * a stable code of the API's error contract with its params (the extension words it in Japanese and
 * English), and an English message for logs.
 */
export type ConfigIssue = ApiIssue;

export type PathSegment = string | number;

export { renderPath };

/** The lines an admin reads in a log: `incoming[0].route.menu[1].action.users[0]: unknown user "tanaka"`. */
export function formatIssues(issues: readonly ConfigIssue[]): string[] {
  return issues.map((problem) => (problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`));
}

/** A problem found while validating, before its path is rendered. */
export interface FoundIssue {
  path: readonly PropertyKey[];
  code: ApiErrorCode;
  params?: ParamValues;
}

/** zod's problems as ours. An unknown key is reported at its own path (`…action.cycles`), one problem per key. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): FoundIssue[] {
  return withoutSafeRangeEchoes(issues).flatMap((zodIssue) =>
    zodIssue.code === 'unrecognized_keys'
      ? zodIssue.keys.map((key) => ({ path: [...zodIssue.path, key], code: 'unknown_fields' as const, params: { fields: key } }))
      : [{ path: zodIssue.path, ...codeOfZodIssue(zodIssue, input) }],
  );
}

function toIssue(problem: FoundIssue): ConfigIssue {
  return issueOf(renderPath(problem.path), problem.code, problem.params);
}

/**
 * In the order the admin wrote the document (the order of its keys and items, fields that are
 * missing last), each problem once, so the list reads top to bottom like the file.
 */
export function inDocumentOrder(problems: readonly FoundIssue[], document: unknown): ConfigIssue[] {
  const seen = new Set<string>();
  return problems
    .map((problem, emitted) => ({ issue: toIssue(problem), position: positionOf(problem.path, document), emitted }))
    .filter(({ issue }) => {
      const id = `${issue.path}\u0000${issue.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => comparePositions(a.position, b.position) || a.emitted - b.emitted)
    .map(({ issue }) => issue);
}

function positionOf(path: readonly PropertyKey[], document: unknown): number[] {
  const position: number[] = [];
  let node = document;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      position.push(segment);
      node = node[segment];
    } else if (typeof node === 'object' && node !== null && typeof segment === 'string') {
      const keys = Object.keys(node);
      const index = keys.indexOf(segment);
      position.push(index === -1 ? keys.length : index);
      node = (node as Record<string, unknown>)[segment];
    } else {
      position.push(Number.MAX_SAFE_INTEGER);
      node = undefined;
    }
  }
  return position;
}

function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
