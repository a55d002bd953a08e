import { describe, expect, it } from 'vitest';
import { OUTSIDE, teamForFile } from './call-control-support.ts';

const team = teamForFile();

async function outgoingCall() {
  team.twilio.phone(OUTSIDE).answerAfter(5).hangUpAfter(null);
  const call = team.twilio.startOutgoingClientCall({ identity: 'sato', params: { To: '03-5555-1234', language: 'ja-JP' } });
  await team.twilio.advance(10);
  const customer = team.twilio.legs().find((leg) => leg.to === OUTSIDE && leg.parentCallSid === call.sid)!;
  return { call, customer };
}

describe('an outgoing call', () => {
  it('moves into a room named after the customer’s leg once they answer, and can be held', async () => {
    const { call, customer } = await outgoingCall();
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['rep:sato'] });
    expect(team.twilio.conference(customer.sid).participants().map((p) => p.label).sort()).toEqual(['customer', 'rep:sato']);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/hold`)).status).toBe(200);
    await team.twilio.settle();
    expect(customer.hearing()).toEqual({ kind: 'hold', audio: 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical' });
  });

  it('transferred to a colleague, goes on after the rep who placed it leaves, and is logged once when the customer hangs up', async () => {
    const { call, customer } = await outgoingCall();
    team.twilio.device('suzuki').answerAfter(3).hangUpAfter(null);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    await team.twilio.advance(10);
    expect(call.ended).toBe(true);
    expect(customer.hearing()).toEqual({ kind: 'room', hears: ['rep:suzuki'] });
    const during = await team.store.db.selectFrom('calls').select(['status', 'rep_id']).where('call_sid', '=', call.sid).executeTakeFirstOrThrow();
    expect(during).toEqual({ status: 'in-progress', rep_id: 'suzuki' });
    expect(await team.store.db.selectFrom('crm_outbox').select('kind').where('call_sid', '=', call.sid).execute()).toEqual([]);

    await team.twilio.advance(40);
    await customer.hangUp();
    await team.twilio.advance(5);
    const after = await team.store.db.selectFrom('calls').select(['status', 'rep_id', 'answered_by', 'direction']).where('call_sid', '=', call.sid).executeTakeFirstOrThrow();
    // The colleague owns it now; it stays the call 佐藤 placed.
    expect(after).toEqual({ status: 'completed', rep_id: 'suzuki', answered_by: 'sato', direction: 'outbound' });
    // One call-log delivery, and one recording of the whole conversation (the room's, across the transfer).
    const outbox = await team.store.db.selectFrom('crm_outbox').select('kind').where('call_sid', '=', call.sid).orderBy('kind').execute();
    expect(outbox).toEqual([{ kind: 'attach-recording' }, { kind: 'log-call' }]);
    const recordings = await team.store.db.selectFrom('call_recordings').select(['source', 'duration_seconds']).where('call_sid', '=', call.sid).execute();
    expect(recordings).toEqual([{ source: 'Conference', duration_seconds: expect.any(Number) }]);
  });

  it.each(['customer', 'rep'] as const)('logs the talk time, not the ringing, when the %s hangs up first', async (who) => {
    // The customer answers after 5 s; both talk 60 s.
    const { call, customer } = await outgoingCall();
    await team.twilio.advance(55);
    await (who === 'customer' ? customer.hangUp() : call.hangUp());
    await team.twilio.advance(10);
    await team.twilio.settle();
    const row = await team.store.db
      .selectFrom('calls')
      .select(['status', 'duration_seconds', 'answered_at', 'ended_at'])
      .where('call_sid', '=', call.sid)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
    expect((row.ended_at!.getTime() - row.answered_at!.getTime()) / 1000).toBe(60);
    expect(row.duration_seconds).toBe(60);
  });
});
