import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { setAvailability } from '../../../server/store/presence.ts';
import type { CallHandle } from '../../emulators/twilio-call/index.ts';
import type { IncomingNumberInput } from './phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from './voice-harness.ts';

/**
 * A team for call-control scenarios: three reps and a supervisor, signed in, and a number that rings
 * 佐藤 alone (so who answers is never in doubt). Twilio is the emulator; the server is the real app.
 */
export const CUSTOMER = '+819011112222';
export const OUTSIDE = '+81355551234';

export const SALES: IncomingNumberInput = {
  number: '+815011110000',
  label: '営業直通',
  record: true,
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20, cycles: 1 },
  holdMusic: { type: 'default' },
};

/** Who a leg hears in its room, in alphabetical order (else what it hears instead). */
export const inRoom = (leg: { hearing(): { kind: string; hears?: readonly string[] } }) => {
  const hearing = leg.hearing();
  return hearing.kind === 'room' ? [...(hearing.hears ?? [])].sort() : hearing;
};

export interface Team extends VoiceHarness {
  tokens: Record<'sato' | 'suzuki' | 'tanaka' | 'kanri', string>;
  /** `POST /api/calls/{call}/…` as a user; resolves to the status and the JSON body. */
  act(user: keyof Team['tokens'], method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** 佐藤 answers a customer's call to SALES; resolves once both are talking in the room. */
  answeredCall(): Promise<CallHandle>;
  /** The call's history as `kind actor subject` lines. */
  history(callSid: string): Promise<string[]>;
  parties(callSid: string): Promise<string[]>;
}

export async function createTeam(): Promise<Team> {
  const h = await createVoiceHarness({ followTwilioTime: true });
  await h.addUser({ id: 'sato', name: '佐藤 花子', email: 'sato@example.jp' });
  await h.addUser({ id: 'suzuki', name: '鈴木 一郎', email: 'suzuki@example.jp' });
  await h.addUser({ id: 'tanaka', name: '田中 次郎', email: 'tanaka@example.jp' });
  await h.addUser({ id: 'kanri', name: '管理 美香', email: 'kanri@example.jp', role: 'supervisor' });
  await h.addNumber(SALES);
  await h.assignOutgoing('sato', SALES.number, true);
  const tokens = {
    sato: await h.signIn('sato@example.jp'),
    suzuki: await h.signIn('suzuki@example.jp'),
    tanaka: await h.signIn('tanaka@example.jp'),
    kanri: await h.signIn('kanri@example.jp'),
  };
  return {
    ...h,
    tokens,
    async act(user, method, path, body) {
      // What the server was doing in the background when Twilio's time passed (a room move tried again) comes first.
      await h.settled();
      // Every rep's extension beats every 30 s while online: virtual minutes must not make them stale.
      for (const id of ONLINE) await setAvailability(h.store.db, id, true, h.clock.now());
      const response = await h.call(method, path, { token: tokens[user], ...(body === undefined ? {} : { body }) });
      return { status: response.status, body: await response.json() };
    },
    async answeredCall() {
      h.twilio.device('sato').answerAfter(3).hangUpAfter(null);
      const call = h.twilio.startIncomingCall({ from: CUSTOMER, to: SALES.number });
      const talking = () => h.twilio.conferences().some((room) => room.friendlyName === call.sid && room.participants().filter((p) => p.status === 'connected').length === 2);
      await h.twilio.runUntil(talking, 60);
      if (!talking()) throw new Error(`the call did not reach its room:\n${call.describe()}`);
      return call;
    },
    async history(callSid) {
      const rows = await h.store.db.selectFrom('call_events').select(['kind', 'actor', 'subject', 'details']).where('call_sid', '=', callSid).orderBy('at').orderBy('id').execute();
      return rows.map((row) => [row.kind, row.actor, row.subject, Object.keys(row.details).length ? JSON.stringify(row.details) : null].filter(Boolean).join(' '));
    },
    async parties(callSid) {
      const rows = await h.store.db.selectFrom('call_parties').select(['label', 'purpose', 'state']).where('call_sid', '=', callSid).orderBy('id').execute();
      return rows.map((row) => `${row.label} ${row.purpose} ${row.state}`);
    },
  };
}

const ONLINE = ['sato', 'suzuki', 'tanaka', 'kanri'];

/** Ends whatever the previous scenario left up, empties the call log, everyone online and not answering. */
export async function resetTeam(team: Team): Promise<void> {
  for (const leg of team.twilio.legs()) if (!leg.ended) await leg.hangUp();
  await team.twilio.advance(120);
  await sql`truncate calls, call_legs, call_recordings, call_parties, call_events, presence`.execute(team.store.db);
  await team.goOnline(...ONLINE);
  // goOnline moved the server's clock a few seconds on: Twilio's time catches up.
  await team.twilio.advance(10);
  for (const id of ['sato', 'suzuki', 'tanaka', 'kanri']) team.twilio.device(id).ignore().hangUpAfter(null);
}

/**
 * For a file of call-control scenarios: registers the hooks that make the team once for the file (then
 * `prepare` it), close it after, and before each test give Twilio's webhooks back to the app and reset
 * the team (resetTeam, then `reset`). The object returned is the file's team, filled once its hook ran.
 */
export function teamForFile({ prepare, reset }: { prepare?: (team: Team) => Promise<void>; reset?: (team: Team) => Promise<void> } = {}): Team {
  const team = {} as Team;
  beforeAll(async () => {
    Object.assign(team, await createTeam());
    await prepare?.(team);
  });
  afterAll(() => team.close());
  beforeEach(async () => {
    team.routeWebhooks(null);
    await resetTeam(team);
    await reset?.(team);
  });
  return team;
}
