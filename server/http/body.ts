import type { Context } from 'hono';
import type { z } from 'zod';
import { zodIssues } from '../validation/issues.ts';
import { apiError, invalidInput, type ApiError } from './errors.ts';
import { checkJsonBounds } from './json-bounds.ts';

/**
 * The JSON body, parsed and bounded (depth, number of values, storable text) before any schema
 * runs. The body's size was bounded before it was read (body-limit.ts).
 */
export async function readRawJson(c: Context): Promise<unknown> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw apiError('invalid_json');
  }
  const refused = checkJsonBounds(raw);
  if (refused) throw refused;
  return raw;
}

/** `readRawJson`, then a zod schema: every problem is a 400 naming its field, all at once. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  return parseInput(schema, await readRawJson(c));
}

/** Query parameters (already checked for storable text by the URL guard) through a zod schema. */
export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  return parseInput(schema, c.req.query());
}

export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(zodIssues(parsed.error.issues, input));
  return parsed.data;
}

/** The body as a JSON object, for routes that validate it through the phone configuration's rules. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const body = await readRawJson(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw apiError('not_an_object');
  return body as Record<string, unknown>;
}

export type { ApiError };
