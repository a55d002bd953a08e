import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { WaitingLinePacer } from '../../../server/services/waiting-line/pacer.ts';
import { setAvailability } from '../../../server/store/presence.ts';
import { CUSTOMER, OUTSIDE, SALES, teamForFile } from './call-control-support.ts';
import type { IncomingNumberInput } from './phone-numbers.ts';

/**
 * The recording announcement end to end, through the Twilio emulator and the real server: SALES
 * records its calls and rings 佐藤, who also records the calls he places; PLAIN rings 佐藤 without
 * recording, and 鈴木's outgoing calls are not recorded.
 */
const NOTICE_JA = 'この通話は品質向上のため録音させていただきます。';
const PLAIN = { ...SALES, number: '+815011110001', label: '録音なし', record: false };
const LINE: IncomingNumberInput = {
  ...SALES,
  number: '+815011110002',
  label: '録音・待ち行列',
  route: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20, cycles: 1, queue: { enabled: true, announceSeconds: 30, maxWaitSeconds: 600, priority: 0, voicemailKey: '1', callbackKey: null } },
};

const SEQUENTIAL: IncomingNumberInput = {
  ...SALES,
  number: '+815011110003',
  label: '録音・順番',
  route: { type: 'ring', users: ['suzuki', 'tanaka'], strategy: 'sequential', ringSeconds: 10, cycles: 1 },
};

const team = teamForFile({
  async prepare(team) {
    await team.addNumber(PLAIN);
    await team.addNumber(LINE);
    await team.addNumber(SEQUENTIAL);
    await team.assignOutgoing('suzuki', SALES.number, false);
  },
  reset: async (team) => void (await sql`update app_settings set settings = settings - 'recordingNotice'`.execute(team.store.db)),
});

async function setNotice(notice: unknown): Promise<void> {
  await sql`update app_settings set settings = settings || ${JSON.stringify({ recordingNotice: notice })}::jsonb`.execute(team.store.db);
}

/** A customer calls `to`; 佐藤 answers after 3 s; resolves once both talk in the room. */
async function answeredCall(to: string) {
  team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
  const call = team.twilio.startIncomingCall({ from: CUSTOMER, to });
  const talking = () => team.twilio.conferences().some((room) => room.friendlyName === call.sid && room.participants().filter((p) => p.status === 'connected').length === 2);
  await team.twilio.runUntil(talking, 60);
  if (!talking()) throw new Error(`the call did not reach its room:\n${call.describe()}`);
  return call;
}

async function outgoingCall(rep: 'sato' | 'suzuki') {
  team.twilio.phone(OUTSIDE).answerAfter(5).hangUpAfter(null);
  const call = team.twilio.startOutgoingClientCall({ identity: rep, params: { To: OUTSIDE, language: 'ja-JP' } });
  await team.twilio.advance(20);
  const customer = team.twilio.legs().find((leg) => leg.to === OUTSIDE && leg.parentCallSid === call.sid)!;
  return { call, customer };
}

const repLegsSaid = () => team.twilio.legs().filter((leg) => leg.to.startsWith('client:') || leg.from.startsWith('client:')).flatMap((leg) => leg.transcript().said);

describe('an incoming call to a recorded number', () => {
  it('hears the notice once, before ringing, and never again on a transfer', async () => {
    await setNotice({ enabled: true });
    const call = await answeredCall(SALES.number);
    expect(call.transcript().said).toEqual([NOTICE_JA]);
    // Ringing came after it: the rep's browser was rung only once the notice was over.
    const heard = call.transcript().events.map((event) => event.type).filter((type) => type === 'heard' || type === 'dial');
    expect(heard.slice(0, 2)).toEqual(['heard', 'dial']);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });

    team.twilio.device('suzuki').answerAfter(3).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(15);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
    expect(call.transcript().said).toEqual([NOTICE_JA]);
    expect(repLegsSaid()).toEqual([]);
  });

  it('hears the admin’s own words instead of the default sentence', async () => {
    await setNotice({ enabled: true, message: { type: 'text', text: '品質向上のため、通話を録音しております。' } });
    const call = await answeredCall(SALES.number);
    expect(call.transcript().said).toEqual(['品質向上のため、通話を録音しております。']);
  });

  it('rung in turn, hears it before the first rep rings and not before the next', async () => {
    await setNotice({ enabled: true });
    // 鈴木 (online first) lets it ring out; 田中 answers.
    team.twilio.device('tanaka').answerAfter(3).hangUpAfter(null);
    const call = team.twilio.startIncomingCall({ from: CUSTOMER, to: SEQUENTIAL.number });
    const talking = () => team.twilio.conferences().some((room) => room.friendlyName === call.sid && room.participants().filter((p) => p.status === 'connected').length === 2);
    await team.twilio.runUntil(talking, 90);
    expect(call.transcript().rang).toHaveLength(2);
    expect(call.transcript().said).toEqual([NOTICE_JA]);
    expect(call.hearing()).toEqual({ kind: 'room', hears: ['rep:tanaka'] });
  });

  it('going straight into the waiting line, hears it once, and not on the turns that follow nor when rung', async () => {
    await setNotice({ enabled: true });
    // 佐藤 is on another call: the second caller waits in line.
    const first = await answeredCall(LINE.number);
    team.twilio.device('sato').answerAfter(3).hangUpAfter(null);
    const waiting = team.twilio.startIncomingCall({ from: '+819033334444', to: LINE.number });
    const pacer = new WaitingLinePacer(team.deps);
    // Second by second, as reps' extensions beat and the pacer looks, for 40 s of waiting.
    const run = async (seconds: number, until: () => boolean = () => false) => {
      for (let second = 0; second < seconds && !until(); second++) {
        await team.twilio.advance(1);
        await setAvailability(team.store.db, 'sato', true, team.clock.now());
        await pacer.tick();
      }
    };
    await run(40);
    // The notice, then the line's own announcements, turn after turn.
    expect(waiting.transcript().said[0]).toBe(NOTICE_JA);
    expect(waiting.transcript().said[1]).toBe('只今、担当者が全員ほかのお電話に対応しております。順番におつなぎしますので、このままお待ちください。');
    expect(waiting.transcript().said.filter((text) => text === NOTICE_JA)).toHaveLength(1);
    await first.hangUp();
    const talking = () => team.twilio.conferences().some((room) => room.friendlyName === waiting.sid && room.participants().filter((p) => p.status === 'connected').length === 2);
    await run(60, talking);
    expect(talking()).toBe(true);
    expect(waiting.transcript().said.filter((text) => text === NOTICE_JA)).toHaveLength(1);
  });
});

describe('an outgoing call of a rep who records', () => {
  it('the customer hears the notice on answering, before joining the rep; the rep does not', async () => {
    await setNotice({ enabled: true });
    const { call, customer } = await outgoingCall('sato');
    expect(customer.transcript().said).toEqual([NOTICE_JA]);
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    expect(call.transcript().said).toEqual([]);
  });

  it('gives the people an English-speaking org calls the standard English sentence, not the admin’s Japanese words an English voice cannot read', async () => {
    await setNotice({ enabled: true, message: { type: 'text', text: '品質向上のため、通話を録音しております。' } });
    await sql`update app_settings set settings = settings || '{"defaultCountry":"US","allowedCountries":["JP"]}'::jsonb`.execute(team.store.db);
    try {
      const { customer } = await outgoingCall('sato');
      expect(customer.transcript().said).toEqual(['This call may be recorded for quality purposes.']);
    } finally {
      await sql`update app_settings set settings = settings || '{"defaultCountry":"JP","allowedCountries":[]}'::jsonb`.execute(team.store.db);
    }
  });

  it('speaks English to the people an English-speaking org calls', async () => {
    await setNotice({ enabled: true });
    await sql`update app_settings set settings = settings || '{"defaultCountry":"US","allowedCountries":["JP"]}'::jsonb`.execute(team.store.db);
    try {
      const { customer } = await outgoingCall('sato');
      expect(customer.transcript().said).toEqual(['This call may be recorded for quality purposes.']);
    } finally {
      await sql`update app_settings set settings = settings || '{"defaultCountry":"JP","allowedCountries":[]}'::jsonb`.execute(team.store.db);
    }
  });
});

describe('a notice the server cannot read (a stored value no longer valid)', () => {
  it('does not keep an incoming call from ringing: it connects without the notice', async () => {
    await sql`update app_settings set settings = settings || '{"recordingNotice":{"enabled":"yes"}}'::jsonb`.execute(team.store.db);
    const incoming = await answeredCall(SALES.number);
    expect(incoming.transcript().said).toEqual([]);
    expect(incoming.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
  });
});

describe('a call that is not recorded', () => {
  it('hears nothing, in or out, though the notice is on', async () => {
    await setNotice({ enabled: true });
    const incoming = await answeredCall(PLAIN.number);
    expect(incoming.transcript().said).toEqual([]);
    await incoming.hangUp();
    await team.twilio.advance(10);
    const { customer } = await outgoingCall('suzuki');
    expect(customer.transcript().said).toEqual([]);
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
  });

  it('with the notice off (the default), a recorded call sounds as it always did', async () => {
    const incoming = await answeredCall(SALES.number);
    expect(incoming.transcript().said).toEqual([]);
    await incoming.hangUp();
    await team.twilio.advance(10);
    const { customer } = await outgoingCall('sato');
    expect(customer.transcript().said).toEqual([]);
  });
});
