import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRange } from '../../../server/store/analytics-range.ts';
import { repTotals } from '../../../server/store/analytics-reps.ts';
import { overview } from '../../../server/store/analytics.ts';
import type { Store } from '../../../server/store/database.ts';
import type { Database, PartyPurpose } from '../../../server/store/schema.ts';
import { engines, sharedTestStore } from '../support/store.ts';
import { callSid, insertCalls, type CallRow } from './call-rows.ts';

const MAIN = '+81312345678';
const at = (time: string) => `2026-11-23T${time}+09:00`;

/**
 * Monday 23 November 2026 (JST), calls handed from rep to rep; every figure below worked out by hand.
 */
const T1 = callSid('blind');
const T2 = callSid('three-way');
const T3 = callSid('plain');
const T4 = callSid('old');
const T5 = callSid('going-on');
const T6 = callSid('no-hold');
const ROWS: CallRow[] = [
  // sato answers after 5 s and talks 60 s; the caller waits 4 s on hold for suzuki, who talks 30 s.
  { sid: T1, number: MAIN, status: 'completed', rep: 'suzuki', answeredBy: 'sato', rang: ['sato'],
    started: at('10:00:00'), answered: at('10:00:05'), ended: at('10:01:39') },
  // tanaka answers after 10 s, adds suzuki for a minute, puts the caller on hold 20 s: 220 s for tanaka, 60 s for suzuki.
  { sid: T2, number: MAIN, status: 'completed', rep: 'tanaka', answeredBy: 'tanaka', rang: ['tanaka'],
    started: at('10:59:50'), answered: at('11:00:00'), ended: at('11:04:00') },
  // A call that stayed a plain bridge (no room): 100 s, the whole call, for sato.
  { sid: T3, number: MAIN, status: 'completed', rep: 'sato', answeredBy: 'sato', rang: ['sato'],
    started: at('11:59:50'), answered: at('12:00:00'), ended: at('12:01:40') },
  // Written before 0015 and never known: counted for rep_id, as before (wait 20 s, talk 40 s).
  { sid: T4, number: MAIN, status: 'completed', rep: 'tanaka', rang: ['tanaka'],
    started: at('13:00:00'), answered: at('13:00:20'), ended: at('13:01:00') },
  // suzuki is on it now: answered (after 2 s), no talk time until it ends.
  { sid: T5, number: MAIN, status: 'in-progress', rep: 'suzuki', answeredBy: 'suzuki', rang: ['suzuki'],
    started: at('13:59:58'), answered: at('14:00:00') },
  // A room and no hold at all: sato answers after 6 s and talks 50 s.
  { sid: T6, number: MAIN, status: 'completed', rep: 'sato', answeredBy: 'sato', rang: ['sato'],
    started: at('16:00:00'), answered: at('16:00:06'), ended: at('16:00:56') },
  // Rang sato, nobody answered.
  { sid: callSid('missed'), number: MAIN, status: 'missed', reason: 'no-answer', rang: ['sato'], started: at('15:00:00'), ended: at('15:00:30') },
];

interface PartyRow {
  call: string;
  user: string | null;
  purpose: PartyPurpose;
  joined: string;
  left?: string;
}
const PARTIES: PartyRow[] = [
  { call: T1, user: null, purpose: 'customer', joined: at('10:00:06'), left: at('10:01:39') },
  { call: T1, user: 'sato', purpose: 'answer', joined: at('10:00:06'), left: at('10:01:05') },
  { call: T1, user: 'suzuki', purpose: 'transfer', joined: at('10:01:09'), left: at('10:01:39') },
  { call: T2, user: null, purpose: 'customer', joined: at('11:00:01'), left: at('11:04:00') },
  { call: T2, user: 'tanaka', purpose: 'answer', joined: at('11:00:01'), left: at('11:04:00') },
  { call: T2, user: 'suzuki', purpose: 'add', joined: at('11:01:00'), left: at('11:02:00') },
  { call: T5, user: null, purpose: 'customer', joined: at('14:00:01') },
  { call: T5, user: 'suzuki', purpose: 'answer', joined: at('14:00:01') },
  { call: T6, user: null, purpose: 'customer', joined: at('16:00:07'), left: at('16:00:56') },
  { call: T6, user: 'sato', purpose: 'answer', joined: at('16:00:07'), left: at('16:00:56') },
];
const HOLDS: [call: string, kind: 'hold' | 'resume', at: string][] = [
  [T1, 'hold', at('10:01:05')],
  [T1, 'resume', at('10:01:09')],
  [T2, 'hold', at('11:03:00')],
  [T2, 'resume', at('11:03:20')],
];

async function insertRooms(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('call_parties')
    .values(
      PARTIES.map((party, index) => ({
        call_sid: party.call,
        label: party.user ? `rep:${party.user}` : 'customer',
        kind: party.user ? ('rep' as const) : ('customer' as const),
        purpose: party.purpose,
        user_id: party.user,
        number: null,
        leg_sid: `CA${String(index).padStart(32, '0')}`,
        state: party.left ? ('left' as const) : ('talking' as const),
        monitor: null,
        invited_by: null,
        note: null,
        outcome: null,
        invited_at: party.joined,
        joined_at: party.joined,
        left_at: party.left ?? null,
        held_since: null,
      })),
    )
    .execute();
  await db
    .insertInto('call_events')
    .values(HOLDS.map(([call, kind, when]) => ({ call_sid: call, at: when, kind, actor: null, subject: null, details: '{}', dedupe_key: null })))
    .execute();
}

const DAY: LocalRange = { from: '2026-11-23', to: '2026-11-23', timeZone: 'Asia/Tokyo' };

describe.each(engines)('per-rep figures of calls handed on, on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await sharedTestStore(engine);
    await insertCalls(store.db, ROWS);
    await insertRooms(store.db);
  });
  afterAll(() => store.close());

  it('counts answered and the wait for whoever answered first, a transfer taken for the colleague, and each rep’s own talk less the hold', async () => {
    expect(await repTotals(store.db, DAY)).toEqual([
      { rep: 'sato', answered: 3, transfersTaken: 0, missed: 1, avgWaitSeconds: 7, avgTalkSeconds: 70, outbound: 0, talkSeconds: 210 },
      { rep: 'suzuki', answered: 1, transfersTaken: 1, missed: 0, avgWaitSeconds: 2, avgTalkSeconds: 45, outbound: 0, talkSeconds: 90 },
      { rep: 'tanaka', answered: 2, transfersTaken: 0, missed: 0, avgWaitSeconds: 15, avgTalkSeconds: 130, outbound: 0, talkSeconds: 260 },
    ]);
  });

  it('keeps the call’s own figures whole: answered once, talk from the answer to the end', async () => {
    expect((await overview(store.db, DAY)).totals).toMatchObject({ calls: 7, answered: 6, missed: 1, avgWaitSeconds: 8.8, avgTalkSeconds: 104.8 });
  });

  it('narrows to a rep by the calls they answered first too, when a colleague owns them now', async () => {
    expect(await repTotals(store.db, DAY, { rep: 'sato' })).toEqual([
      { rep: 'sato', answered: 3, transfersTaken: 0, missed: 1, avgWaitSeconds: 7, avgTalkSeconds: 70, outbound: 0, talkSeconds: 210 },
    ]);
    expect((await overview(store.db, DAY, { rep: 'sato' })).totals).toMatchObject({ calls: 4, answered: 3, missed: 1 });
  });
});
