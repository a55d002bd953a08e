import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Who can be rung, and in what order. Zoho's rule: sequential ringing follows the order in which
 * reps went online; a rep who answers a call moves to the back. The order is a database sequence,
 * so several server instances agree on it.
 */

/** A rep whose last heartbeat is older than this counts as offline (the extension beats every ~30 s). */
export const HEARTBEAT_TIMEOUT_SECONDS = 90;
/** A call marker older than this is considered stale (a lost "completed" callback must not block a rep forever). */
export const ON_CALL_STALE_HOURS = 4;

export type PresenceStatus = 'online' | 'offline' | 'on-call';

export interface PresenceView {
  userId: string;
  status: PresenceStatus;
  available: boolean;
  since: Date | null;
  ringPosition: string | null;
  onCallSid: string | null;
}

const heartbeatCutoff = (now: Date) => new Date(now.getTime() - HEARTBEAT_TIMEOUT_SECONDS * 1000);
const onCallCutoff = (now: Date) => new Date(now.getTime() - ON_CALL_STALE_HOURS * 3600 * 1000);

function isOnline(row: { available: boolean; heartbeat_at: Date }, now: Date): boolean {
  return row.available && new Date(row.heartbeat_at) > heartbeatCutoff(now);
}

function isOnCall(row: { on_call_sid: string | null; on_call_since: Date | null }, now: Date): boolean {
  return row.on_call_sid !== null && row.on_call_since !== null && new Date(row.on_call_since) > onCallCutoff(now);
}

/**
 * Going online (or beating while online) keeps the rep's place; coming back after going offline or
 * after a stale heartbeat takes a new place at the back of the order.
 */
export async function setAvailability(
  db: Kysely<Database>,
  userId: string,
  available: boolean,
  now: Date,
): Promise<PresenceView> {
  const cutoff = heartbeatCutoff(now);
  const row = available
    ? await db
        .insertInto('presence')
        .values({
          user_id: userId,
          available: true,
          heartbeat_at: now,
          online_since: now,
          ring_position: sql<string>`nextval('ring_position_seq')`,
        })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({
            available: true,
            heartbeat_at: now,
            online_since: sql<Date>`case when presence.available and presence.heartbeat_at > ${cutoff} then presence.online_since else ${now} end`,
            ring_position: sql<string>`case when presence.available and presence.heartbeat_at > ${cutoff} then presence.ring_position else nextval('ring_position_seq') end`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow()
    : await db
        .insertInto('presence')
        .values({ user_id: userId, available: false, heartbeat_at: now, online_since: null, ring_position: null })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({ available: false, heartbeat_at: now, online_since: null, ring_position: null }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
  return toView(row, now);
}

function toView(
  row: {
    user_id: string;
    available: boolean;
    heartbeat_at: Date;
    online_since: Date | null;
    ring_position: string | null;
    on_call_sid: string | null;
    on_call_since: Date | null;
  },
  now: Date,
): PresenceView {
  const online = isOnline(row, now);
  const onCall = isOnCall(row, now);
  return {
    userId: row.user_id,
    status: onCall ? 'on-call' : online ? 'online' : 'offline',
    available: online,
    since: onCall ? row.on_call_since : online ? row.online_since : null,
    ringPosition: online ? row.ring_position : null,
    onCallSid: onCall ? row.on_call_sid : null,
  };
}

export async function getPresence(db: Kysely<Database>, userId: string, now: Date): Promise<PresenceView> {
  const row = await db.selectFrom('presence').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row
    ? toView(row, now)
    : { userId, status: 'offline', available: false, since: null, ringPosition: null, onCallSid: null };
}

export async function listPresence(db: Kysely<Database>, now: Date): Promise<PresenceView[]> {
  const rows = await db.selectFrom('presence').selectAll().execute();
  return rows.map((row) => toView(row, now));
}

/** Online reps in ring order (the order they went online, answerers moved to the back). */
export function ringOrderOf(views: PresenceView[]): string[] {
  return views
    .filter((v) => v.available && v.ringPosition !== null)
    .sort((a, b) => compareBigint(a.ringPosition!, b.ringPosition!))
    .map((v) => v.userId);
}

function compareBigint(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface RingOrder {
  /** Online, fresh heartbeat, not on a call: in ring order. */
  ringable: string[];
  /** Online but on a call. */
  busy: string[];
  offline: string[];
}

/** The given reps split by whether they can be rung now, ringable ones in ring order. */
export async function ringOrder(
  db: Kysely<Database>,
  { userIds, now }: { userIds: readonly string[]; now: Date },
): Promise<RingOrder> {
  if (userIds.length === 0) return { ringable: [], busy: [], offline: [] };
  const rows = await db
    .selectFrom('presence')
    .innerJoin('users', 'users.id', 'presence.user_id')
    .selectAll('presence')
    .where('presence.user_id', 'in', [...userIds])
    .where('users.active', '=', true)
    .execute();
  const views = new Map(rows.map((row) => [row.user_id, toView(row, now)]));
  const online = userIds.filter((id) => views.get(id)?.available);
  const busy = online.filter((id) => views.get(id)?.status === 'on-call');
  const ringable = ringOrderOf(online.filter((id) => !busy.includes(id)).map((id) => views.get(id)!));
  const offline = userIds.filter((id) => !views.get(id)?.available);
  return { ringable, busy, offline };
}

export async function markOnCall(db: Kysely<Database>, userId: string, callSid: string, now: Date): Promise<void> {
  await db
    .insertInto('presence')
    .values({ user_id: userId, available: false, heartbeat_at: new Date(0), on_call_sid: callSid, on_call_since: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ on_call_sid: callSid, on_call_since: now }))
    .execute();
}

/** Clears the marker only if it still belongs to this call (a late callback must not end a newer call). */
export async function clearOnCall(db: Kysely<Database>, userId: string, callSid: string): Promise<void> {
  await db
    .updateTable('presence')
    .set({ on_call_sid: null, on_call_since: null })
    .where('user_id', '=', userId)
    .where('on_call_sid', '=', callSid)
    .execute();
}

/** A rep who answered goes to the back of the ring order. */
export async function moveToBack(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('presence')
    .set({ ring_position: sql<string>`nextval('ring_position_seq')` })
    .where('user_id', '=', userId)
    .where('ring_position', 'is not', null)
    .execute();
}
