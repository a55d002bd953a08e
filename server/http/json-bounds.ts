import type { ApiIssue } from '../../contract/api-errors.ts';
import { issue, renderPath } from '../validation/issues.ts';
import { apiError, invalidInput, type ApiError } from './errors.ts';

/**
 * Bounds on a parsed JSON body, checked before any schema sees it: zod and the phone-configuration
 * rules recurse, so a document thousands of levels deep would overflow the stack inside them. The
 * deepest real document (a phone configuration with five menu levels) is about 25 levels deep.
 */
export const JSON_LIMITS = {
  maxDepth: 64,
  maxValues: 100_000,
} as const;

const MAX_REPORTED = 20;

/** Strings the database cannot store (NUL) or that are not text at all (an unpaired surrogate). */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

/**
 * Walks the value once, without recursion: too deep or too many values is refused outright; every
 * string (and key) the database could not store is reported with its path.
 */
export function checkJsonBounds(value: unknown, limits: { maxDepth: number; maxValues: number } = JSON_LIMITS): ApiError | null {
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: value, path: [] }];
  const problems: ApiIssue[] = [];
  let values = 1;
  const tooMany = () => apiError('json_too_many_values', { maxValues: limits.maxValues });
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > limits.maxDepth) return apiError('json_too_deep', { maxDepth: limits.maxDepth });
    if (typeof node === 'string') {
      if (!isStorableText(node) && problems.length < MAX_REPORTED) problems.push(issue(renderPath(path), 'invalid_characters'));
    } else if (Array.isArray(node)) {
      // Counted before anything is pushed, so a huge flat list costs nothing.
      if ((values += node.length) > limits.maxValues) return tooMany();
      for (let index = node.length - 1; index >= 0; index--) stack.push({ node: node[index], path: [...path, index] });
    } else if (typeof node === 'object' && node !== null) {
      const entries = Object.entries(node);
      if ((values += entries.length) > limits.maxValues) return tooMany();
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index]!;
        if (!isStorableText(key) && problems.length < MAX_REPORTED) problems.push(issue(renderPath([...path, key]), 'invalid_characters'));
        stack.push({ node: child, path: [...path, key] });
      }
    }
  }
  return problems.length > 0 ? invalidInput(problems) : null;
}
