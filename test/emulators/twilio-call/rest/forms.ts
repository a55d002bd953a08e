// Form bodies of the REST API (application/x-www-form-urlencoded; list parameters are repeated keys)
// and the value types Twilio accepts, as zod schemas.

import type { Context } from 'hono';
import { z } from 'zod';
import { invalidParameter } from './errors.ts';
import type { RestError } from './errors.ts';

export type Form = Record<string, string | string[]>;

export async function readForm(c: Context): Promise<Form> {
  if (c.req.method !== 'POST') return {};
  const body = await c.req.parseBody({ all: true });
  const form: Form = {};
  for (const [key, value] of Object.entries(body)) {
    const values = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    form[key] = values.length === 1 ? values[0]! : values;
  }
  return form;
}

export const bool = z.enum(['true', 'false']).transform((value) => value === 'true');
/** Participant `Muted`: "anything but true/false counts as false" (twilio-conference.md §2.2). */
export const lenientBool = z.string().transform((value) => value === 'true');
export const httpMethod = z.enum(['GET', 'POST']);
export const absoluteUrl = z.string().refine((value) => URL.canParse(value), 'must be an absolute URL');
export const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'must be a Call SID');
export const integer = (min: number, max: number) => z.string().regex(/^[0-9]+$/, 'must be a whole number').transform(Number).pipe(z.number().min(min).max(max));
/** A list parameter: one key per value (`StatusCallbackEvent=initiated&StatusCallbackEvent=ringing`). */
export const list = <T extends z.ZodType<string>>(item: T) => z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]));

/** Parses a form, or names what Twilio would refuse. */
export function parseForm<T extends z.ZodType>(schema: T, form: Form): { ok: true; value: z.output<T> } | { ok: false; error: RestError } {
  const parsed = schema.safeParse(form);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: invalidParameter(`${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}`) };
}

/** `client:alice?crmId=42&x=y` → the address `client:alice` and the custom parameters; a number as is. */
export function parseEndpoint(value: string): { address: string; parameters: Record<string, string> } | null {
  if (value.startsWith('client:')) {
    const [identity = '', query = ''] = value.slice('client:'.length).split(/\?(.*)/s);
    if (identity === '') return null;
    return { address: `client:${identity}`, parameters: Object.fromEntries(new URLSearchParams(query)) };
  }
  return /^\+[1-9][0-9]{5,14}$/.test(value) ? { address: value, parameters: {} } : null;
}
