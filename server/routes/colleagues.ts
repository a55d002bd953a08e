import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../http/auth.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { readQuery } from '../http/body.ts';
import { listPresence } from '../store/presence.ts';
import { listUsers } from '../store/users.ts';

const querySchema = z.object({ q: z.string().max(100).optional() });

/** Full-width → half-width, upper → lower, katakana → hiragana: 「サトウ」, 「さとう」 and "SATO" find the same people. */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (kana) => String.fromCharCode(kana.charCodeAt(0) - 0x60))
    .replace(/\s+/g, '');
}

const collator = new Intl.Collator('ja');

/**
 * Colleagues a rep can transfer to or add to a call: everyone active but oneself, the ones who can take
 * a call now (online and free) first, then by name. `q` searches names, ids and e-mail addresses.
 */
export function colleaguesRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono<AppEnv>().get('/', requireUser(deps), async (c) => {
    const query = readQuery(c, querySchema);
    const me = c.get('user');
    const now = deps.now();
    const [users, presence] = await Promise.all([listUsers(db), listPresence(db, now)]);
    const byUser = new Map(presence.map((view) => [view.userId, view]));
    const needle = searchKey(query.q ?? '');
    const colleagues = users
      .filter((user) => user.active && user.id !== me.id)
      .filter((user) => !needle || [user.name, user.id, user.email].some((field) => searchKey(field).includes(needle)))
      .map((user) => {
        const status = byUser.get(user.id)?.status ?? 'offline';
        return { id: user.id, name: user.name, status, available: status === 'online' };
      })
      .sort((a, b) => Number(b.available) - Number(a.available) || collator.compare(a.name, b.name));
    return c.json({ colleagues });
  });
}
