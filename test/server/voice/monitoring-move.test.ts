import { describe, expect, it } from 'vitest';
import type { Actor, Party, RoomView } from '../../../server/voice/call-control.ts';
import { planMoveAway } from '../../../server/voice/monitoring.ts';

/** How a supervisor leaves the call they monitor when they ask to monitor another (server/voice/monitoring.ts). */

const CALL = `CA${'1'.repeat(32)}`;
const boss: Actor = { id: 'kanri', role: 'supervisor' };

function party(label: string, fields: Partial<Party> = {}): Party {
  const kind = label === 'customer' ? 'customer' : label.startsWith('rep:') ? 'rep' : label.startsWith('sup:') ? 'supervisor' : 'guest';
  return {
    id: label,
    label,
    kind,
    purpose: kind === 'customer' ? 'customer' : kind === 'supervisor' ? 'monitor' : 'answer',
    userId: kind === 'rep' || kind === 'supervisor' ? label.split(':')[1]! : null,
    number: kind === 'guest' ? '+819012345678' : null,
    legSid: `CA${label.length.toString().padStart(32, '0')}`,
    state: 'talking',
    monitor: kind === 'supervisor' ? 'listen' : null,
    invitedBy: null,
    ...fields,
  };
}

const room = (parties: Party[], ownerId: string | null = 'sato'): RoomView => ({ callSid: CALL, roomState: 'live', ownerId, parties });
const stop = { kind: 'monitor-stop', actor: 'kanri', subject: null };

describe('a supervisor moving to another call', () => {
  it.each(['listen', 'whisper', 'barge'] as const)('leaves a call they %s on while the rep talks: their leg is taken out, as Stop does', (monitor) => {
    const view = room([party('customer'), party('rep:sato'), party('sup:kanri', { monitor })]);
    expect(planMoveAway(view, boss)).toEqual({ ok: true, plan: { operations: [{ kind: 'kick', label: 'sup:kanri' }], history: [stop] } });
  });

  it('cancels their leg still ringing, so their phone never rings for two calls', () => {
    const ringing = party('sup:kanri', { state: 'ringing' });
    expect(planMoveAway(room([party('customer'), party('rep:sato'), ringing]), boss)).toEqual({
      ok: true,
      plan: { operations: [{ kind: 'cancel', label: 'sup:kanri', legSid: ringing.legSid }], history: [stop] },
    });
  });

  it('barging, may leave while anyone else still talks with the customer: a colleague on the way, an outside party', () => {
    const transferRinging = room([party('customer', { state: 'held' }), party('rep:suzuki', { purpose: 'transfer', state: 'ringing' }), party('sup:kanri', { monitor: 'barge' })]);
    expect(planMoveAway(transferRinging, boss)).toMatchObject({ ok: true, plan: { operations: [{ kind: 'kick' }] } });
    const withGuest = room([party('customer'), party('rep:sato'), party('guest:1', { purpose: 'add' }), party('sup:kanri', { monitor: 'barge' })]);
    expect(planMoveAway(withGuest, boss)).toMatchObject({ ok: true });
  });

  it('is refused when they barge and nobody else talks with the customer: leaving would end the call', () => {
    const alone = room([party('customer'), party('rep:sato', { state: 'left' }), party('sup:kanri', { monitor: 'barge' })]);
    expect(planMoveAway(alone, boss)).toEqual({ ok: false, refusal: 'finish_monitored_call_first' });
    // Only listening with the customer: the room is ending anyway, nothing to keep.
    const listening = room([party('customer'), party('rep:sato', { state: 'left' }), party('sup:kanri', { monitor: 'listen' })]);
    expect(planMoveAway(listening, boss)).toMatchObject({ ok: true });
  });

  it('is refused when the call is theirs now (they took it over): they are its rep', () => {
    const theirs = room([party('customer'), party('rep:sato', { state: 'left' }), party('sup:kanri', { kind: 'rep', monitor: null })], 'kanri');
    expect(planMoveAway(theirs, boss)).toEqual({ ok: false, refusal: 'monitored_call_is_yours' });
  });

  it('has nothing to do on a call they do not monitor, or have left', () => {
    const none = { ok: true, plan: { operations: [], history: [] } };
    expect(planMoveAway(room([party('customer'), party('rep:sato')]), boss)).toEqual(none);
    expect(planMoveAway(room([party('customer'), party('rep:sato'), party('sup:kanri', { state: 'left' })]), boss)).toEqual(none);
    // Their own call as its rep is not "monitoring": the phone is busy with it (requests.ts says go_online_to_monitor).
    expect(planMoveAway(room([party('customer'), party('rep:kanri')], 'kanri'), boss)).toEqual(none);
  });
});
