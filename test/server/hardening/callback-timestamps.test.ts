import { afterEach, describe, expect, it } from 'vitest';
import { twilioEventTime } from '../../../server/twilio/timestamp.ts';
import { rfc2822 } from '../../emulators/twilio-call/call-parameters.ts';
import { callInSteps } from '../board/call-steps.ts';
import { MAIN } from '../voice/phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';

/**
 * A signed status callback whose `Timestamp` named year 10000 or later parsed (JavaScript's dates reach
 * year 275760) but could not be written (the database is handed `+010000-…`): the error was logged,
 * Twilio got its 200, and the update was lost (the call never ended in the log, the rep stayed "on a
 * call"). Twilio's `Timestamp` is read defensively now: one the server cannot use is replaced by the
 * time the callback arrived, and the update is kept.
 */

let h: VoiceHarness;
afterEach(() => h.close());

const CALLER = '+819011112222';

async function answeredCall(timestamp: { value: Date | null }) {
  h = await createVoiceHarness({ reps: ['sato'] });
  await h.addNumber(MAIN);
  await h.goOnline('sato');
  const call = callInSteps(h.twilio, { from: CALLER, to: MAIN.number, seed: 'far-future', now: () => timestamp.value ?? h.clock.now() });
  await call.arrive();
  await call.press('1');
  await call.leg('sato', 'ringing');
  h.clock.advance(5);
  await call.leg('sato', 'in-progress');
  return call;
}

const callRow = async (callSid: string) =>
  h.store.db.selectFrom('calls').select(['status', 'answered_by', 'answered_at', 'ended_at']).where('call_sid', '=', callSid).executeTakeFirstOrThrow();

describe('a status callback whose Timestamp the server cannot use', () => {
  it.each([
    ['year 10000', new Date('+010000-01-01T00:00:00Z')],
    ['year 275760', new Date(8.64e15)],
  ])('(%s) still ends the call, at the time it arrived', async (_what, far) => {
    const timestamp: { value: Date | null } = { value: null };
    const call = await answeredCall(timestamp);
    expect(rfc2822(far)).toMatch(/ \d{5,6} /);
    h.clock.advance(60);
    timestamp.value = far;
    await call.leg('sato', 'completed', 60);
    const { response } = await call.completed(65);
    expect(response?.status).toBe(200);
    expect(await callRow(call.callSid)).toMatchObject({ status: 'completed', answered_by: 'sato', ended_at: h.clock.now() });
    const rep = await h.store.db.selectFrom('presence').selectAll().where('user_id', '=', 'sato').executeTakeFirstOrThrow();
    expect(rep).toMatchObject({ on_call_sid: null });
  });

  it('a Timestamp as Twilio writes it is still the time recorded', async () => {
    const timestamp: { value: Date | null } = { value: null };
    const call = await answeredCall(timestamp);
    const sent = new Date(h.clock.now().getTime() + 30_000);
    timestamp.value = sent;
    h.clock.advance(60);
    await call.leg('sato', 'completed', 30);
    await call.completed(35);
    expect(await callRow(call.callSid)).toMatchObject({ status: 'completed', ended_at: sent });
  });
});

describe('reading Twilio’s Timestamp (status and conference callbacks alike)', () => {
  const arrived = new Date('2026-11-24T01:00:00Z');
  it.each([
    ['Thu, 1 Jun 2017 20:48:32 +0000', '2017-06-01T20:48:32.000Z'],
    ['Tue, 24 Nov 2026 09:00:05 +0900', '2026-11-24T00:00:05.000Z'],
    ['24 Nov 2026 00:00:05 GMT', '2026-11-24T00:00:05.000Z'],
    ['Sat, 1 Jan 10000 00:00:00 +0000', arrived.toISOString()],
    ['2026-11-24T00:00:05Z', arrived.toISOString()],
    ['1764000000', arrived.toISOString()],
    ['Tue, 24 Nov 2026 99:00:00 +0000', arrived.toISOString()],
    ['', arrived.toISOString()],
  ])('%j → %s', (timestamp, expected) => {
    expect(twilioEventTime({ Timestamp: timestamp }, arrived).toISOString()).toBe(expected);
  });
});
