import { describe, expect, it } from 'vitest';
import {
  planAfterInviteFailed,
  planAfterJoin,
  planAfterLeave,
  planRequest,
  type Actor,
  type Party,
  type RoomView,
} from '../../../server/voice/call-control.ts';
import { roomAt } from '../../../server/voice/room-parties.ts';

const CALL = `CA${'1'.repeat(32)}`;
let ids = 0;

function party(label: string, fields: Partial<Party> = {}): Party {
  const kind = label === 'customer' ? 'customer' : label.startsWith('rep:') ? 'rep' : label.startsWith('sup:') ? 'supervisor' : 'guest';
  return {
    id: String(++ids),
    label,
    kind,
    purpose: kind === 'customer' ? 'customer' : 'answer',
    userId: kind === 'rep' || kind === 'supervisor' ? label.split(':')[1]! : null,
    number: kind === 'guest' ? '+819012345678' : null,
    legSid: `CA${String(ids).padStart(32, '0')}`,
    state: 'talking',
    monitor: null,
    invitedBy: null,
    ...fields,
  };
}

function room(parties: Party[], ownerId: string | null = 'sato'): RoomView {
  return { callSid: CALL, roomState: 'live', ownerId, parties };
}

const sato: Actor = { id: 'sato', role: 'rep' };
const boss: Actor = { id: 'kanri', role: 'supervisor' };
const suzuki = { kind: 'user', userId: 'suzuki' } as const;

describe('a rep asking for call control', () => {
  it('holds the customer, and holding twice changes nothing', () => {
    const talking = room([party('customer'), party('rep:sato')]);
    expect(planRequest(talking, sato, { kind: 'hold' })).toEqual({
      ok: true,
      plan: { operations: [{ kind: 'hold', on: true }], history: [] },
    });
    const held = room([party('customer', { state: 'held' }), party('rep:sato')]);
    expect(planRequest(held, sato, { kind: 'hold' })).toEqual({ ok: true, plan: { operations: [], history: [] } });
    expect(planRequest(held, sato, { kind: 'resume' })).toMatchObject({ ok: true, plan: { operations: [{ kind: 'hold', on: false }] } });
  });

  it('refuses anyone who is not on the call, and any request once the room is gone', () => {
    const view = room([party('customer'), party('rep:sato')]);
    expect(planRequest(view, { id: 'tanaka', role: 'rep' }, { kind: 'hold' })).toEqual({ ok: false, refusal: 'not_a_party' });
    expect(planRequest({ ...view, roomState: 'ended' }, sato, { kind: 'hold' })).toEqual({ ok: false, refusal: 'call_not_live' });
    expect(planRequest({ ...view, roomState: 'joining' }, sato, { kind: 'hold' })).toEqual({ ok: false, refusal: 'call_not_live' });
    const customerGone = room([party('customer', { state: 'left' }), party('rep:sato')]);
    expect(planRequest(customerGone, sato, { kind: 'hold' })).toEqual({ ok: false, refusal: 'call_not_live' });
  });

  it('a blind transfer holds the customer, rings the colleague and takes the rep out at once', () => {
    const decision = planRequest(room([party('customer'), party('rep:sato')]), sato, {
      kind: 'transfer',
      target: suzuki,
      mode: 'blind',
      note: '見積もりの件',
    });
    expect(decision).toEqual({
      ok: true,
      plan: {
        operations: [
          { kind: 'hold', on: true },
          {
            kind: 'invite',
            invitation: {
              label: 'rep:suzuki',
              kind: 'rep',
              purpose: 'transfer',
              target: suzuki,
              invitedBy: 'sato',
              note: '見積もりの件',
              earlyMedia: false,
              monitor: null,
              coach: null,
            },
          },
          { kind: 'kick', label: 'rep:sato' },
        ],
        history: [{ kind: 'transfer', actor: 'sato', subject: 'suzuki', details: { note: '見積もりの件' } }],
      },
    });
  });

  it('a warm transfer to an outside number keeps the rep, who hears it ring', () => {
    const decision = planRequest(room([party('customer'), party('rep:sato')]), sato, {
      kind: 'transfer',
      target: { kind: 'number', e164: '+81312349999' },
      mode: 'warm',
      note: null,
    });
    expect(decision.ok && decision.plan.operations).toEqual([
      { kind: 'hold', on: true },
      {
        kind: 'invite',
        invitation: expect.objectContaining({ label: 'guest:1', kind: 'guest', purpose: 'consult', earlyMedia: true }),
      },
    ]);
  });

  it('refuses a second transfer while one is on its way, a transfer to oneself or to someone already there', () => {
    const consulting = room([party('customer', { state: 'held' }), party('rep:sato'), party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato', state: 'ringing' })]);
    const tanaka = { kind: 'user', userId: 'tanaka' } as const;
    expect(planRequest(consulting, sato, { kind: 'transfer', target: tanaka, mode: 'blind', note: null })).toEqual({ ok: false, refusal: 'transfer_in_progress' });
    expect(planRequest(consulting, sato, { kind: 'resume' })).toEqual({ ok: false, refusal: 'transfer_in_progress' });
    const plain = room([party('customer'), party('rep:sato'), party('rep:tanaka', { purpose: 'add' })]);
    expect(planRequest(plain, sato, { kind: 'transfer', target: { kind: 'user', userId: 'sato' }, mode: 'blind', note: null })).toEqual({
      ok: false,
      refusal: 'cannot_transfer_to_self',
    });
    expect(planRequest(plain, sato, { kind: 'add', target: tanaka })).toEqual({ ok: false, refusal: 'already_on_the_call' });
  });

  it('completes a consult only once the colleague answered, and hands them the call', () => {
    const ringing = room([party('customer', { state: 'held' }), party('rep:sato'), party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato', state: 'ringing' })]);
    expect(planRequest(ringing, sato, { kind: 'complete-transfer' })).toEqual({ ok: false, refusal: 'consult_not_connected' });
    const answered = room([party('customer', { state: 'held' }), party('rep:sato'), party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato' })]);
    expect(planRequest(answered, sato, { kind: 'complete-transfer' })).toEqual({
      ok: true,
      plan: {
        operations: [
          { kind: 'repurpose', label: 'rep:suzuki', purpose: 'transfer' },
          { kind: 'hold', on: false },
          { kind: 'kick', label: 'rep:sato' },
        ],
        history: [{ kind: 'consult-complete', actor: 'sato', subject: 'suzuki' }],
        owner: 'suzuki',
      },
    });
    expect(planRequest(answered, sato, { kind: 'cancel-transfer' })).toMatchObject({
      ok: true,
      plan: { operations: [{ kind: 'kick', label: 'rep:suzuki' }, { kind: 'hold', on: false }] },
    });
    expect(planRequest(room([party('customer'), party('rep:sato')]), sato, { kind: 'complete-transfer' })).toEqual({
      ok: false,
      refusal: 'no_transfer_in_progress',
    });
  });

  it('after a completed consult, the colleague who owns the call may take the caller off hold and transfer it on', () => {
    // What the completion leaves: the colleague as an answered transfer, the consulting rep gone.
    const handedOver = room(
      [party('customer', { state: 'held' }), party('rep:sato', { state: 'left' }), party('rep:suzuki', { purpose: 'transfer', invitedBy: 'sato' })],
      'suzuki',
    );
    const suzukiActor: Actor = { id: 'suzuki', role: 'rep' };
    expect(planRequest(handedOver, suzukiActor, { kind: 'resume' })).toEqual({ ok: true, plan: { operations: [{ kind: 'hold', on: false }], history: [] } });
    const onward = planRequest(handedOver, suzukiActor, { kind: 'transfer', target: { kind: 'user', userId: 'tanaka' }, mode: 'blind', note: null });
    expect(onward).toMatchObject({ ok: true, plan: { history: [{ kind: 'transfer', actor: 'suzuki', subject: 'tanaka' }] } });
    expect(planRequest(handedOver, suzukiActor, { kind: 'complete-transfer' })).toEqual({ ok: false, refusal: 'no_transfer_in_progress' });
  });
});

describe('a supervisor', () => {
  const satoLeg = party('rep:sato');
  const view = room([party('customer'), satoLeg]);
  const coachingSato = { label: 'rep:sato', legSid: satoLeg.legSid };

  it('listens muted, then whispers to the rep who owns the call, then barges in', () => {
    const listen = planRequest(view, boss, { kind: 'monitor', mode: 'listen' });
    expect(listen.ok && listen.plan.operations).toEqual([
      {
        kind: 'invite',
        invitation: expect.objectContaining({ label: 'sup:kanri', kind: 'supervisor', purpose: 'monitor', monitor: 'listen', coach: null, earlyMedia: false }),
      },
    ]);
    const listening = room([...view.parties, party('sup:kanri', { purpose: 'monitor', monitor: 'listen' })]);
    expect(planRequest(listening, boss, { kind: 'monitor', mode: 'whisper' })).toMatchObject({
      ok: true,
      plan: { operations: [{ kind: 'set-monitor', label: 'sup:kanri', mode: 'whisper', coach: coachingSato }] },
    });
    expect(planRequest(listening, boss, { kind: 'monitor', mode: 'barge' })).toMatchObject({
      ok: true,
      plan: { operations: [{ kind: 'set-monitor', label: 'sup:kanri', mode: 'barge', coach: null }] },
    });
    expect(planRequest(listening, boss, { kind: 'monitor', mode: 'listen' })).toEqual({ ok: true, plan: { operations: [], history: [] } });
  });

  it('whispers to the leg the owner has in the room now, not one they left; with no such leg it refuses', () => {
    // 佐藤 came back on a ring-back: the leg they left at the transfer comes first in the room's parties.
    const back = party('rep:sato', { purpose: 'recall', invitedBy: 'sato' });
    const rungBack = room([party('customer'), party('rep:sato', { state: 'left' }), party('rep:suzuki', { purpose: 'transfer', state: 'failed' }), back]);
    const whisper = planRequest(rungBack, boss, { kind: 'monitor', mode: 'whisper' });
    expect(whisper.ok && whisper.plan.operations).toEqual([
      { kind: 'invite', invitation: expect.objectContaining({ monitor: 'whisper', coach: { label: 'rep:sato', legSid: back.legSid } }) },
    ]);
    const noLeg = room([party('customer'), party('rep:sato', { legSid: null }), party('sup:kanri', { purpose: 'monitor', monitor: 'listen' })]);
    expect(planRequest(noLeg, boss, { kind: 'monitor', mode: 'whisper' })).toEqual({ ok: false, refusal: 'nobody_to_coach' });
  });

  it('asking for whisper again points the coaching at the owner’s leg once more, and tells the history nothing new', () => {
    const whispering = room([...view.parties, party('sup:kanri', { purpose: 'monitor', monitor: 'whisper' })]);
    expect(planRequest(whispering, boss, { kind: 'monitor', mode: 'whisper' })).toEqual({
      ok: true,
      plan: { operations: [{ kind: 'set-monitor', label: 'sup:kanri', mode: 'whisper', coach: coachingSato }], history: [] },
    });
  });

  it('barging as the last voice with the caller, may not go back to listening; may stop (the room then ends)', () => {
    const kanri = party('sup:kanri', { purpose: 'monitor', monitor: 'barge' });
    const alone = room([party('customer'), party('rep:sato', { state: 'left' }), kanri]);
    expect(planRequest(alone, boss, { kind: 'monitor', mode: 'listen' })).toEqual({ ok: false, refusal: 'caller_would_be_alone' });
    expect(planRequest(alone, boss, { kind: 'monitor', mode: 'whisper' })).toEqual({ ok: false, refusal: 'nobody_to_coach' });
    expect(planRequest(alone, boss, { kind: 'stop-monitor' })).toMatchObject({ ok: true, plan: { operations: [{ kind: 'kick', label: 'sup:kanri' }] } });
    expect(planAfterLeave(alone, kanri).operations).toEqual([{ kind: 'end-room' }]);
    // With a colleague still on the way, listening leaves the caller no more alone than now.
    const onTheWay = room([...alone.parties, party('rep:tanaka', { purpose: 'add', invitedBy: 'sato', state: 'ringing' })]);
    expect(planRequest(onTheWay, boss, { kind: 'monitor', mode: 'listen' })).toMatchObject({ ok: true });
  });

  it('stops while the monitoring leg still rings by cancelling that leg', () => {
    const ringing = party('sup:kanri', { purpose: 'monitor', monitor: 'listen', state: 'ringing' });
    expect(planRequest(room([...view.parties, ringing]), boss, { kind: 'stop-monitor' })).toEqual({
      ok: true,
      plan: { operations: [{ kind: 'cancel', label: 'sup:kanri', legSid: ringing.legSid }], history: [{ kind: 'monitor-stop', actor: 'kanri', subject: null }] },
    });
    expect(planRequest(view, boss, { kind: 'stop-monitor' })).toEqual({ ok: false, refusal: 'not_a_party' });
  });

  it('is the only one who may monitor; a rep on the call may not', () => {
    expect(planRequest(view, sato, { kind: 'monitor', mode: 'listen' })).toEqual({ ok: false, refusal: 'not_a_supervisor' });
    expect(planRequest(view, { id: 'sato', role: 'admin' }, { kind: 'monitor', mode: 'listen' })).toEqual({ ok: false, refusal: 'already_on_the_call' });
    expect(planRequest(room([party('customer'), party('guest:1')], null), boss, { kind: 'monitor', mode: 'whisper' })).toEqual({
      ok: false,
      refusal: 'nobody_to_coach',
    });
  });
});

describe('a whisper follows the call', () => {
  const whisperer = () => party('sup:kanri', { purpose: 'monitor', monitor: 'whisper' });
  const coaching = (rep: Party) => ({ kind: 'set-monitor', label: 'sup:kanri', mode: 'whisper', coach: { label: rep.label, legSid: rep.legSid } });
  const listening = { kind: 'set-monitor', label: 'sup:kanri', mode: 'listen', coach: null };

  it('to the colleague who answers a transfer, and to the rep who answers their ring-back on a new leg', () => {
    const suzuki = party('rep:suzuki', { purpose: 'transfer', invitedBy: 'sato' });
    const transferred = room([party('customer', { state: 'held' }), party('rep:sato', { state: 'left' }), whisperer(), suzuki]);
    expect(planAfterJoin(transferred, suzuki).operations).toEqual([{ kind: 'hold', on: false }, coaching(suzuki)]);
    const back = party('rep:sato', { purpose: 'recall', invitedBy: 'sato' });
    const rungBack = room([party('customer', { state: 'held' }), party('rep:sato', { state: 'left' }), whisperer(), back]);
    expect(planAfterJoin(rungBack, back).operations).toEqual([{ kind: 'hold', on: false }, coaching(back)]);
  });

  it('to the colleague a consult hands the call to, whether the rep completes it or hangs up', () => {
    const sato = party('rep:sato');
    const suzuki = party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato' });
    const consulting = room([party('customer', { state: 'held' }), sato, whisperer(), suzuki]);
    const complete = planRequest(consulting, { id: 'sato', role: 'rep' }, { kind: 'complete-transfer' });
    expect(complete.ok && complete.plan.operations.at(-1)).toEqual(coaching(suzuki));
    expect(planAfterLeave(consulting, sato).operations.at(-1)).toEqual(coaching(suzuki));
  });

  it('to the rep who carries on a 3-way, or back to listening when only an outside party is left', () => {
    const sato = party('rep:sato');
    const tanaka = party('rep:tanaka', { purpose: 'add', invitedBy: 'sato' });
    expect(planAfterLeave(room([party('customer'), sato, whisperer(), tanaka]), sato).operations).toEqual([coaching(tanaka)]);
    const guest = party('guest:1', { purpose: 'add', invitedBy: 'sato' });
    expect(planAfterLeave(room([party('customer'), sato, whisperer(), guest]), sato).operations).toEqual([listening]);
  });

  it('waits for a transfer on its way (its answer re-points it); nothing to re-point when the room ends', () => {
    const sato = party('rep:sato');
    const ringing = party('rep:suzuki', { purpose: 'transfer', invitedBy: 'sato', state: 'ringing' });
    expect(planAfterLeave(room([party('customer', { state: 'held' }), sato, whisperer(), ringing]), sato).operations).toEqual([]);
    expect(planAfterLeave(room([party('customer'), sato, whisperer()]), sato).operations).toEqual([{ kind: 'end-room' }]);
  });
});

describe('what the server does when Twilio reports', () => {
  it('takes the customer off hold when the transfer target answers, and makes them the owner', () => {
    const suzukiLeg = party('rep:suzuki', { purpose: 'transfer', invitedBy: 'sato', state: 'talking' });
    const view = room([party('customer', { state: 'held' }), party('rep:sato', { state: 'left' }), suzukiLeg]);
    expect(planAfterJoin(view, suzukiLeg)).toEqual({
      operations: [{ kind: 'hold', on: false }],
      history: [{ kind: 'transfer-answered', actor: null, subject: 'suzuki' }],
      owner: 'suzuki',
    });
  });

  it('rings the transferring rep back when nobody answers a blind transfer, then voicemail', () => {
    const suzukiLeg = party('rep:suzuki', { purpose: 'transfer', invitedBy: 'sato', state: 'ringing' });
    const view = room([party('customer', { state: 'held' }), party('rep:sato', { state: 'left' }), suzukiLeg]);
    const plan = planAfterInviteFailed(view, suzukiLeg, 'no-answer', true);
    expect(plan.operations).toEqual([{ kind: 'invite', invitation: expect.objectContaining({ label: 'rep:sato', purpose: 'recall', invitedBy: 'sato' }) }]);
    expect(planAfterInviteFailed(view, suzukiLeg, 'no-answer', false).operations).toEqual([{ kind: 'customer-to-voicemail' }]);
    const recall = party('rep:sato', { purpose: 'recall', invitedBy: 'sato', state: 'ringing' });
    expect(planAfterInviteFailed(room([party('customer', { state: 'held' }), recall]), recall, 'busy', true).operations).toEqual([{ kind: 'customer-to-voicemail' }]);
  });

  it('brings the rep back to the customer when the consulted colleague declines', () => {
    const consult = party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato', state: 'ringing' });
    const view = room([party('customer', { state: 'held' }), party('rep:sato'), consult]);
    expect(planAfterInviteFailed(view, consult, 'busy', true)).toEqual({
      operations: [{ kind: 'hold', on: false }],
      history: [{ kind: 'consult-failed', actor: null, subject: 'suzuki', details: { outcome: 'busy' } }],
    });
  });

  it('ends the room when the last rep leaves the customer alone, not while a colleague is on the way', () => {
    const sato = party('rep:sato');
    expect(planAfterLeave(room([party('customer'), sato]), sato).operations).toEqual([{ kind: 'end-room' }]);
    const ringing = party('rep:suzuki', { purpose: 'transfer', invitedBy: 'sato', state: 'ringing' });
    expect(planAfterLeave(room([party('customer', { state: 'held' }), sato, ringing]), sato).operations).toEqual([]);
    const listening = party('sup:kanri', { purpose: 'monitor', monitor: 'listen' });
    expect(planAfterLeave(room([party('customer'), sato, listening]), sato).operations).toEqual([{ kind: 'end-room' }]);
    const barging = party('sup:kanri', { purpose: 'monitor', monitor: 'barge' });
    // A barging supervisor stays with the customer, and takes the call over (monitoring.ts).
    expect(planAfterLeave(room([party('customer'), sato, barging]), sato).operations).toEqual([{ kind: 'take-over', label: 'sup:kanri' }]);
  });

  it('in a 3-way, the others carry on when one rep leaves; the remaining rep owns the call', () => {
    const sato = party('rep:sato');
    const tanaka = party('rep:tanaka', { purpose: 'add', invitedBy: 'sato' });
    expect(planAfterLeave(room([party('customer'), sato, tanaka]), sato)).toEqual({ operations: [], history: [], owner: 'tanaka' });
    const guest = party('guest:1', { purpose: 'add', invitedBy: 'sato' });
    expect(planAfterLeave(room([party('customer'), sato, guest]), guest)).toEqual({ operations: [], history: [] });
  });

  it('a consulting rep who hangs up completes the transfer, or makes it blind while it still rings', () => {
    const sato = party('rep:sato');
    const answered = party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato' });
    expect(planAfterLeave(room([party('customer', { state: 'held' }), sato, answered]), sato)).toEqual({
      operations: [{ kind: 'repurpose', label: 'rep:suzuki', purpose: 'transfer' }, { kind: 'hold', on: false }],
      history: [{ kind: 'consult-complete', actor: 'sato', subject: 'suzuki' }],
      owner: 'suzuki',
    });
    const ringing = party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato', state: 'ringing' });
    expect(planAfterLeave(room([party('customer', { state: 'held' }), sato, ringing]), sato).operations).toEqual([
      { kind: 'repurpose', label: 'rep:suzuki', purpose: 'transfer' },
    ]);
  });

  it('the colleague hanging up during a consult brings the rep back to the customer', () => {
    const consult = party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato' });
    const plan = planAfterLeave(room([party('customer', { state: 'held' }), party('rep:sato'), consult]), consult);
    expect(plan.operations).toEqual([{ kind: 'hold', on: false }]);
  });

  it('once a consult is complete, the consulting rep leaving and the colleague hanging up later say nothing more of it', () => {
    const sato = party('rep:sato');
    const suzuki = party('rep:suzuki', { purpose: 'transfer', invitedBy: 'sato' });
    // The request already told the history and handed the call over; Twilio now reports the rep gone.
    expect(planAfterLeave(room([party('customer'), sato, suzuki], 'suzuki'), sato)).toEqual({ operations: [], history: [] });
    expect(planAfterLeave(room([party('customer'), { ...sato, state: 'left' }, suzuki], 'suzuki'), suzuki)).toEqual({
      operations: [{ kind: 'end-room' }],
      history: [],
    });
  });

  it.each([
    ['a colleague', party('rep:tanaka', { purpose: 'add', invitedBy: 'sato', state: 'ringing' })],
    ['an outside number', party('guest:1', { purpose: 'add', invitedBy: 'sato', state: 'ringing' })],
  ])('ends the room when %s added by a rep who has since left never answers', (_, added) => {
    const view = room([party('customer'), party('rep:sato', { state: 'left' }), added]);
    expect(planAfterInviteFailed(view, added, 'no-answer', false)).toEqual({
      operations: [{ kind: 'end-room' }],
      history: [{ kind: 'add-failed', actor: null, subject: added.userId ?? added.number, details: { outcome: 'no-answer' } }],
    });
  });

  it('keeps the room after a failed invite while anyone who talks is on the call or on the way', () => {
    const added = party('guest:1', { purpose: 'add', invitedBy: 'sato', state: 'ringing' });
    const satoGone = party('rep:sato', { state: 'left' });
    const fails = (...others: Party[]) => planAfterInviteFailed(room([party('customer'), ...others, added]), added, 'busy', false).operations;
    expect(fails(party('rep:sato'))).toEqual([]);
    expect(fails(satoGone, party('rep:tanaka', { purpose: 'add', invitedBy: 'sato', state: 'ringing' }))).toEqual([]);
    expect(fails(satoGone, party('sup:kanri', { purpose: 'monitor', monitor: 'barge' }))).toEqual([]);
    // A supervisor who only listens is no one to talk to.
    expect(fails(satoGone, party('sup:kanri', { purpose: 'monitor', monitor: 'listen' }))).toEqual([{ kind: 'end-room' }]);
  });

  it('ends the room when a supervisor rung to barge in, or a consulted colleague, never answers a caller left alone', () => {
    const barge = party('sup:kanri', { purpose: 'monitor', monitor: 'barge', state: 'ringing' });
    expect(planAfterInviteFailed(room([party('customer'), party('rep:sato', { state: 'left' }), barge]), barge, 'no-answer', false).operations).toEqual([
      { kind: 'end-room' },
    ]);
    const consult = party('rep:suzuki', { purpose: 'consult', invitedBy: 'sato', state: 'ringing' });
    expect(planAfterInviteFailed(room([party('customer', { state: 'held' }), party('rep:sato', { state: 'left' }), consult]), consult, 'busy', false).operations).toEqual([
      { kind: 'end-room' },
    ]);
  });
});

describe('a barging supervisor left the only one of ours with the customer takes the call over', () => {
  const kanri = (fields: Partial<Party> = {}) => party('sup:kanri', { purpose: 'monitor', monitor: 'barge', invitedBy: 'kanri', ...fields });

  it('when the owner leaves: they own it, become a rep of it, and a whisperer now coaches them', () => {
    const sato = party('rep:sato');
    const barger = kanri();
    const whisperer = party('sup:boss', { purpose: 'monitor', monitor: 'whisper' });
    expect(planAfterLeave(room([party('customer'), sato, barger, whisperer]), sato)).toEqual({
      operations: [
        { kind: 'take-over', label: 'sup:kanri' },
        { kind: 'set-monitor', label: 'sup:boss', mode: 'whisper', coach: { label: 'sup:kanri', legSid: barger.legSid } },
      ],
      history: [{ kind: 'take-over', actor: 'kanri', subject: 'sato' }],
      owner: 'kanri',
    });
  });

  it('takes the customer the rep left on hold off it: someone is there for them now', () => {
    const sato = party('rep:sato');
    expect(planAfterLeave(room([party('customer', { state: 'held' }), sato, kanri()]), sato).operations).toEqual([
      { kind: 'take-over', label: 'sup:kanri' },
      { kind: 'hold', on: false },
    ]);
  });

  it.each([
    ['a rep still talks with the customer', () => [party('rep:tanaka', { purpose: 'add' })]],
    ['a transfer is on its way', () => [party('rep:suzuki', { purpose: 'transfer', invitedBy: 'sato', state: 'ringing' })]],
  ])('not when %s', (_, more) => {
    const sato = party('rep:sato');
    const plan = planAfterLeave(room([party('customer'), sato, kanri(), ...more()]), sato);
    expect(plan.operations).not.toContainEqual({ kind: 'take-over', label: 'sup:kanri' });
    expect(plan.owner).not.toBe('kanri');
  });

  it('when the outside party the departed owner left the customer with leaves', () => {
    const guest = party('guest:1', { purpose: 'add', invitedBy: 'sato' });
    const plan = planAfterLeave(room([party('customer'), party('rep:sato', { state: 'left' }), guest, kanri()]), guest);
    expect(plan).toMatchObject({ operations: [{ kind: 'take-over', label: 'sup:kanri' }], owner: 'kanri' });
  });

  it('when their barging leg joins a call the owner has left meanwhile', () => {
    const joined = kanri();
    expect(planAfterJoin(room([party('customer'), party('rep:sato', { state: 'left' }), joined]), joined)).toEqual({
      operations: [{ kind: 'take-over', label: 'sup:kanri' }],
      history: [{ kind: 'take-over', actor: 'kanri', subject: 'sato' }],
      owner: 'kanri',
    });
    expect(planAfterJoin(room([party('customer'), party('rep:sato'), joined]), joined)).toEqual({ operations: [], history: [] });
  });

  it('when they switch to barge on a call only an outside party keeps', () => {
    const listening = kanri({ monitor: 'listen' });
    const view = room([party('customer'), party('rep:sato', { state: 'left' }), party('guest:1', { purpose: 'add' }), listening]);
    expect(planRequest(view, boss, { kind: 'monitor', mode: 'barge' })).toMatchObject({
      ok: true,
      plan: {
        operations: [{ kind: 'set-monitor', label: 'sup:kanri', mode: 'barge', coach: null }, { kind: 'take-over', label: 'sup:kanri' }],
        history: [{ kind: 'monitor', actor: 'kanri' }, { kind: 'take-over', actor: 'kanri', subject: 'sato' }],
        owner: 'kanri',
      },
    });
  });

  it('once theirs, it is a rep’s call: hold and transfer are theirs; listening would leave the caller alone; Stop leaves it', () => {
    const theirs = party('sup:kanri', { kind: 'rep', purpose: 'monitor', monitor: null, userId: 'kanri' });
    const view = room([party('customer'), party('rep:sato', { state: 'left' }), theirs], 'kanri');
    expect(planRequest(view, boss, { kind: 'hold' })).toEqual({ ok: true, plan: { operations: [{ kind: 'hold', on: true }], history: [] } });
    expect(planRequest(view, boss, { kind: 'transfer', target: suzuki, mode: 'blind', note: null })).toMatchObject({ ok: true });
    expect(planRequest(view, boss, { kind: 'monitor', mode: 'listen' })).toEqual({ ok: false, refusal: 'caller_would_be_alone' });
    expect(planRequest(view, boss, { kind: 'monitor', mode: 'whisper' })).toEqual({ ok: false, refusal: 'already_on_the_call' });
    expect(planRequest(view, boss, { kind: 'stop-monitor' })).toMatchObject({ ok: true, plan: { operations: [{ kind: 'kick', label: 'sup:kanri' }] } });
  });

  it('decides a leave heard late on the room as it stood then: whoever left after it was still there', () => {
    const at = new Date('2026-11-24T01:00:10Z');
    const leftAt = (iso: string) => ({ joinedAt: new Date('2026-11-24T01:00:00Z'), leftAt: new Date(iso) });
    const parties = [
      { ...party('customer', { state: 'left' }), ...leftAt('2026-11-24T01:00:40Z') },
      { ...kanri({ state: 'left' }), ...leftAt('2026-11-24T01:00:40Z') },
      // Same second: Twilio's Timestamp cannot tell, so not "after".
      { ...party('rep:tanaka', { state: 'left' }), ...leftAt('2026-11-24T01:00:10Z') },
    ];
    expect(roomAt(parties, at).map((each) => `${each.label} ${each.state}`)).toEqual(['customer talking', 'sup:kanri talking', 'rep:tanaka left']);
  });

  it('a supervisor who only listens or whispers never does: the room ends instead', () => {
    for (const monitor of ['listen', 'whisper'] as const) {
      const sato = party('rep:sato');
      expect(planAfterLeave(room([party('customer'), sato, kanri({ monitor })]), sato)).toEqual({ operations: [{ kind: 'end-room' }], history: [] });
    }
  });
});
