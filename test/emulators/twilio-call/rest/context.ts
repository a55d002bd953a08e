// What every REST handler shares: the parsed form, and the legs and rooms a request concerns (its
// exchange is added to their stories).

import type { Context } from 'hono';
import type { Room } from '../conference.ts';
import type { Leg } from '../leg.ts';
import type { Form } from './forms.ts';

export type RestEnv = { Variables: { form: Form; touched: { legs: Leg[]; rooms: Room[] } } };
export type RestContext = Context<RestEnv>;

export function touch(c: RestContext, target: Leg | Room): void {
  const touched = c.get('touched');
  if ('direction' in target) touched.legs.push(target);
  else touched.rooms.push(target);
}

/** `rep%3Asato.json` → `rep:sato` (Hono has decoded the path parameter already). */
export function resourceId(file: string): string {
  return file.replace(/\.json$/, '');
}
