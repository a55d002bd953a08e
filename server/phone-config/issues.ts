import type { z } from 'zod';

/** One problem in a phone configuration document, e.g. `incoming[0].route.menu[1].action.users[0]`. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export type PathSegment = string | number;

/** `['incoming', 0, 'route', 'users', 1]` → `incoming[0].route.users[1]`. */
export function renderPath(segments: readonly PropertyKey[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}

/** The lines an admin reads: `incoming[0].route.menu[1].action.users[0]: unknown user "tanaka"`. */
export function formatIssues(issues: readonly ConfigIssue[]): string[] {
  return issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`));
}

/**
 * Plainer wording than zod's defaults for the mistakes people make by hand in an exported file;
 * everything else keeps the message written in the schema.
 */
export const readableZodError: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    return `must be one of ${issue.options.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return undefined;
};

/** A problem found while validating, before its path is rendered. */
export interface FoundIssue {
  path: readonly PropertyKey[];
  message: string;
}

export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): FoundIssue[] {
  return issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

/**
 * In the order the admin wrote the document (the order of its keys and items, fields that are
 * missing last), each problem once, so the list reads top to bottom like the file.
 */
export function inDocumentOrder(found: readonly FoundIssue[], document: unknown): ConfigIssue[] {
  const seen = new Set<string>();
  return found
    .map((issue, emitted) => ({ issue: { path: renderPath(issue.path), message: issue.message }, position: positionOf(issue.path, document), emitted }))
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
