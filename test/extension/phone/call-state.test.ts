import { describe, expect, it } from 'vitest';
import type { CallInfo } from '@/phone/call-info';
import { callLeftByAnswering, canDial, idleCalls, incomingSound, ringingCalls, transition, type CallEvent, type PhoneCalls } from '@/phone/call-state';

const call = (callId: string, direction: CallInfo['direction'] = 'incoming'): CallInfo => ({
  callId, direction, number: '+81312345678', calledNumber: '+81501234567', calledLabel: '代表', ivrPath: ['営業', '新規'], callSid: null, record: null,
});
const run = (events: CallEvent[], start: PhoneCalls = idleCalls) => events.reduce(transition, start);
const summary = (calls: PhoneCalls) =>
  `${calls.current.kind}${calls.current.kind === 'idle' ? '' : `(${calls.current.call.callId})`}${calls.waiting ? ` + waiting(${calls.waiting.callId})` : ''}`;

const dial = (id: string): CallEvent => ({ type: 'dialRequested', call: call(id, 'outgoing'), at: 1 });
const ringIn = (id: string): CallEvent => ({ type: 'incoming', call: call(id), at: 2 });
const ringing = (id: string): CallEvent => ({ type: 'ringing', callId: id, callSid: null, at: 3 });
const accepted = (id: string): CallEvent => ({ type: 'accepted', callId: id, callSid: `CA-${id}`, at: 4 });
const ended = (id: string, reason: 'completed' | 'canceled' | 'rejected' | 'failed' = 'completed'): CallEvent => ({ type: 'ended', callId: id, reason, at: 9 });
const wrapUpDone: CallEvent = { type: 'wrapUpDone' };
const startFailed = (id: string): CallEvent => ({ type: 'startFailed', callId: id, at: 5 });
const handedOver = (id: string): CallEvent => ({ type: 'ended', callId: id, reason: 'completed', at: 9, wrapUp: false });
const notDue = (id: string): CallEvent => ({ type: 'wrapUpNotDue', callId: id });

describe('what the rep sees as a call goes on', () => {
  it.each<[string, CallEvent[], string]>([
    ['dialing shows at once', [dial('o1')], 'dialing(o1)'],
    ['the far end rings', [dial('o1'), ringing('o1')], 'ringing-out(o1)'],
    ['the far end answers', [dial('o1'), ringing('o1'), accepted('o1')], 'in-call(o1)'],
    ['hanging up leads to the note and disposition', [dial('o1'), accepted('o1'), ended('o1')], 'wrap-up(o1)'],
    ['saving the note returns to idle', [dial('o1'), accepted('o1'), ended('o1'), wrapUpDone], 'idle'],
    ['an unanswered outgoing call still gets a wrap-up', [dial('o1'), ringing('o1'), ended('o1')], 'wrap-up(o1)'],
    ['an incoming call rings', [ringIn('i1')], 'incoming(i1)'],
    ['accepting it starts the call', [ringIn('i1'), accepted('i1')], 'in-call(i1)'],
    ['declining it returns to idle', [ringIn('i1'), ended('i1', 'rejected')], 'idle'],
    ['the caller hanging up (or another rep answering) returns to idle', [ringIn('i1'), ended('i1', 'canceled')], 'idle'],
    ['a second caller during a call waits beside it', [ringIn('i1'), accepted('i1'), ringIn('i2')], 'in-call(i1) + waiting(i2)'],
    ['a third caller is not stacked', [ringIn('i1'), accepted('i1'), ringIn('i2'), ringIn('i3')], 'in-call(i1) + waiting(i2)'],
    ['the waiting caller giving up leaves the call alone', [ringIn('i1'), accepted('i1'), ringIn('i2'), ended('i2', 'canceled')], 'in-call(i1)'],
    ['taking the waiting call makes it the current one', [ringIn('i1'), accepted('i1'), ringIn('i2'), ended('i1'), accepted('i2')], 'in-call(i2)'],
    ['after the current call ends the waiting one rings normally', [ringIn('i1'), accepted('i1'), ringIn('i2'), ended('i1')], 'incoming(i2)'],
    ['an incoming call during wrap-up rings', [dial('o1'), accepted('o1'), ended('o1'), ringIn('i1')], 'incoming(i1)'],
    ['events about another call are ignored', [dial('o1'), accepted('zz'), ended('zz')], 'dialing(o1)'],
    ['a second dial during a call is ignored', [dial('o1'), accepted('o1'), dial('o2')], 'in-call(o1)'],
    ['a dial from wrap-up starts the next call', [dial('o1'), accepted('o1'), ended('o1'), dial('o2')], 'dialing(o2)'],
    // A call that never started: no wrap-up (there is no call to write a note about).
    ['a dial Twilio never took goes straight back to idle', [dial('o1'), startFailed('o1')], 'idle'],
    ['an answer that never connected goes back to idle', [ringIn('i1'), startFailed('i1')], 'idle'],
    ['a waiting caller takes over from a failed start', [ringIn('i1'), ringIn('i2'), startFailed('i1')], 'incoming(i2)'],
    ['a failed start of the waiting call leaves the current one alone', [ringIn('i1'), accepted('i1'), ringIn('i2'), startFailed('i2')], 'in-call(i1)'],
    ['a call that is talking cannot “fail to start”', [dial('o1'), accepted('o1'), startFailed('o1')], 'in-call(o1)'],
    ['nor one that rang out (it gets its wrap-up when it ends)', [dial('o1'), ringing('o1'), startFailed('o1')], 'ringing-out(o1)'],
    // A call the rep handed over (transfer, completed consult) or left while others carry on: no note for them.
    ['a call handed over ends without a wrap-up', [ringIn('i1'), accepted('i1'), handedOver('i1')], 'idle'],
    ['a waiting caller rings once the handed-over call is gone', [ringIn('i1'), accepted('i1'), ringIn('i2'), handedOver('i1')], 'incoming(i2)'],
    ['a wrap-up the server says is not the rep’s goes', [ringIn('i1'), accepted('i1'), ended('i1'), notDue('i1')], 'idle'],
    ['but not the wrap-up of another call', [ringIn('i1'), accepted('i1'), ended('i1'), notDue('i9')], 'wrap-up(i1)'],
    ['nor a call still going on', [ringIn('i1'), accepted('i1'), notDue('i1')], 'in-call(i1)'],
    // Told twice: a service worker woken by the call reads it from the phone, then gets the event that woke it.
    ['a ringing call told twice rings once', [ringIn('i1'), ringIn('i1')], 'incoming(i1)'],
    ['and goes when its caller hangs up', [ringIn('i1'), ringIn('i1'), ended('i1', 'canceled')], 'idle'],
    ['a waiting caller told twice waits once', [ringIn('i1'), accepted('i1'), ringIn('i2'), ringIn('i2')], 'in-call(i1) + waiting(i2)'],
    ['a call being talked on, told again, is not also waiting', [ringIn('i1'), accepted('i1'), ringIn('i1')], 'in-call(i1)'],
    // Two callers ring at once: answering the second sends the first on (call-control.ts rejects it).
    ['answering the second of two ringing callers leaves only that call', [ringIn('i1'), ringIn('i2'), accepted('i2')], 'in-call(i2)'],
    ['the first caller sent on before the answer lands', [ringIn('i1'), ringIn('i2'), ended('i1', 'rejected'), accepted('i2')], 'in-call(i2)'],
    ['or after it', [ringIn('i1'), ringIn('i2'), accepted('i2'), ended('i1', 'rejected')], 'in-call(i2)'],
  ])('%s', (_name, events, expected) => {
    expect(summary(run(events))).toBe(expected);
  });

  it('keeps the parent CallSid learnt on answer, for the call log', () => {
    const state = run([dial('o1'), accepted('o1'), ended('o1')]);
    expect(state.current.kind === 'wrap-up' && state.current.call.callSid).toBe('CA-o1');
    expect(state.current).toMatchObject({ outcome: 'completed', answeredAt: 4, endedAt: 9 });
  });

  it('keeps the CallSid Twilio gives as the far end rings, so an unanswered call’s note can be saved', () => {
    const state = run([dial('o1'), { type: 'ringing', callId: 'o1', callSid: 'CA-o1', at: 3 }, ended('o1')]);
    expect(state.current).toMatchObject({ kind: 'wrap-up', outcome: 'no-answer', call: { callSid: 'CA-o1' } });
  });

  it('marks an outgoing call that failed to connect as failed', () => {
    expect(run([dial('o1'), ended('o1', 'failed')]).current).toMatchObject({ kind: 'wrap-up', outcome: 'failed', answeredAt: null });
  });

  it('tracks mute on the active call only', () => {
    const muted = run([ringIn('i1'), accepted('i1'), { type: 'muted', callId: 'i1', muted: true }]);
    expect(muted.current).toMatchObject({ kind: 'in-call', muted: true });
    expect(transition(muted, { type: 'muted', callId: 'other', muted: false })).toBe(muted);
  });

  it.each<[string, CallEvent[], string, ReturnType<typeof callLeftByAnswering>]>([
    ['answering the second caller while the first still rings sends the first on', [ringIn('i1'), ringIn('i2')], 'i2', { call: call('i1'), end: 'reject' }],
    ['answering the call on the main card leaves the waiting one waiting', [ringIn('i1'), ringIn('i2')], 'i1', null],
    ['answering a caller while dialling gives up the dial', [dial('o1'), ringIn('i2')], 'i2', { call: call('o1', 'outgoing'), end: 'hangUp' }],
    ['so while the far end rings', [dial('o1'), ringing('o1'), ringIn('i2')], 'i2', { call: call('o1', 'outgoing'), end: 'hangUp' }],
    ['the phone itself hangs up the call being talked on', [ringIn('i1'), accepted('i1'), ringIn('i2')], 'i2', null],
  ])('%s', (_name, events, answered, left) => {
    expect(callLeftByAnswering(run(events), answered)).toEqual(left);
  });

  it('lists the ringing calls with the one on the main card first (what the Answer shortcut takes)', () => {
    expect(ringingCalls(run([ringIn('i1'), ringIn('i2')])).map((ringing) => ringing.callId)).toEqual(['i1', 'i2']);
    expect(ringingCalls(run([ringIn('i1'), accepted('i1'), ringIn('i2')])).map((ringing) => ringing.callId)).toEqual(['i2']);
    expect(ringingCalls(run([dial('o1')]))).toEqual([]);
  });

  it.each<[string, CallEvent[], ReturnType<typeof incomingSound>]>([
    ['a free rep hears a full ring', [ringIn('i1')], 'ring'],
    ['a rep on a call hears a short beep (call waiting)', [ringIn('i1'), accepted('i1'), ringIn('i2')], 'beep'],
    ['nothing rings during a call without a waiting caller', [ringIn('i1'), accepted('i1')], 'none'],
  ])('%s', (_name, events, sound) => {
    expect(incomingSound(run(events))).toBe(sound);
  });

  it.each<[string, CallEvent[], boolean]>([
    ['idle', [], true],
    ['in a call', [dial('o1'), accepted('o1')], false],
    ['ringing', [ringIn('i1')], false],
    ['wrapping up', [dial('o1'), ended('o1')], true],
  ])('can dial when %s: %s', (_name, events, expected) => {
    expect(canDial(run(events))).toBe(expected);
  });
});

describe('a CRM match that comes after the call started ringing', () => {
  const lead = { crm: 'zoho', module: 'Leads', id: '2001', name: '伊藤 健', url: 'https://crm.zoho.jp/crm/org1/tab/Leads/2001' };
  const contact = { ...lead, module: 'Contacts', id: '1003', name: '渡辺 直子', url: 'https://crm.zoho.jp/crm/org1/tab/Contacts/1003' };
  const matched = (id: string): CallEvent => ({ type: 'crmMatched', callId: id, record: lead, others: [contact] });
  const callOf = (calls: PhoneCalls, callId: string) =>
    [calls.current.kind === 'idle' ? null : calls.current.call, calls.waiting].find((known) => known?.callId === callId);

  it.each<[string, CallEvent[]]>([
    ['ringing', [ringIn('i1')]],
    ['talked on', [ringIn('i1'), accepted('i1')]],
    ['waiting beside another call', [ringIn('i0'), accepted('i0'), ringIn('i1')]],
  ])('puts the record on the call %s', (_name, events) => {
    expect(callOf(run([...events, matched('i1')]), 'i1')).toMatchObject({ record: lead, others: [contact], crmLookup: 'matched' });
  });

  it('never replaces a record the call has, nor touches another call', () => {
    const outgoing: CallEvent = { type: 'dialRequested', call: { ...call('o1', 'outgoing'), record: contact }, at: 1 };
    expect(callOf(run([outgoing, matched('o1')]), 'o1')?.record).toEqual(contact);
    const calls = run([ringIn('i1')]);
    expect(transition(calls, matched('i2'))).toBe(calls);
  });
});

describe('"no record" learned after the call started ringing', () => {
  const lead = { crm: 'zoho', module: 'Leads', id: '2001', name: '伊藤 健', url: 'https://crm.zoho.jp/crm/org1/tab/Leads/2001' };
  const noRecord = (id: string): CallEvent => ({ type: 'crmNoRecord', callId: id });
  const unanswered = (id: string): CallEvent => ({ type: 'incoming', call: { ...call(id, 'incoming'), crmLookup: 'unanswered' }, at: 1 });
  const lookupOf = (calls: PhoneCalls, callId: string) =>
    [calls.current.kind === 'idle' ? null : calls.current.call, calls.waiting].find((known) => known?.callId === callId)?.crmLookup;

  it.each<[string, CallEvent[]]>([
    ['ringing', [unanswered('i1')]],
    ['talked on', [unanswered('i1'), accepted('i1')]],
    ['waiting beside another call', [ringIn('i0'), accepted('i0'), unanswered('i1')]],
  ])('turns "did not answer" into "no record" on the call %s', (_name, events) => {
    expect(lookupOf(run([...events, noRecord('i1')]), 'i1')).toBe('none');
  });

  it('never takes back a record, nor touches a call the CRM answered in time, one without a CRM, or another call', () => {
    const withRecord = run([unanswered('i1'), { type: 'crmMatched', callId: 'i1', record: lead, others: [] }]);
    expect(transition(withRecord, noRecord('i1'))).toBe(withRecord);
    const inTime = run([{ type: 'incoming', call: { ...call('i1'), crmLookup: 'none' }, at: 1 }]);
    expect(transition(inTime, noRecord('i1'))).toBe(inTime);
    const noCrm = run([ringIn('i1')]);
    expect(transition(noCrm, noRecord('i1'))).toBe(noCrm);
    const other = run([unanswered('i1')]);
    expect(transition(other, noRecord('i2'))).toBe(other);
  });

  it('lets a record learned afterwards win', () => {
    expect(lookupOf(run([unanswered('i1'), noRecord('i1'), { type: 'crmMatched', callId: 'i1', record: lead, others: [] }]), 'i1')).toBe('matched');
  });
});

describe('a wrap-up whose call turns out to be someone else’s (a supervisor took it over, told late)', () => {
  const takenOver = (id: string, by: string | null = '管理 美香'): CallEvent => ({ type: 'wrapUpTakenOver', callId: id, by });
  const due = (id: string): CallEvent => ({ type: 'wrapUpDue', call: { ...call(id), callSid: `CA-${id}` }, answeredAt: 4, endedAt: 9 });

  it('stays open, saying who has the call, rather than vanishing with what the rep typed', () => {
    const calls = run([ringIn('i1'), accepted('i1'), ended('i1'), takenOver('i1')]);
    expect(calls.current).toMatchObject({ kind: 'wrap-up', call: { callId: 'i1' }, takenOver: { by: '管理 美香' } });
    expect(run([wrapUpDone], calls)).toEqual(idleCalls);
    expect(canDial(calls)).toBe(true);
  });

  it.each<[string, CallEvent[]]>([
    ['another call’s wrap-up', [ringIn('i1'), accepted('i1'), ended('i1'), takenOver('i9')]],
    ['a call still going on', [ringIn('i1'), accepted('i1'), takenOver('i1')]],
  ])('leaves %s alone', (_name, events) => {
    expect(run(events).current).not.toHaveProperty('takenOver');
  });

  it('opens the wrap-up of the supervisor whose call it became after their leg ended, without pushing aside what is on the screen', () => {
    expect(run([due('m1')]).current).toEqual({ kind: 'wrap-up', call: { ...call('m1'), callSid: 'CA-m1' }, answeredAt: 4, endedAt: 9, outcome: 'completed', inherited: true });
    expect(summary(run([ringIn('i2'), due('m1')]))).toBe('incoming(i2)');
    expect(summary(run([dial('o1'), accepted('o1'), ended('o1'), due('m1')]))).toBe('wrap-up(o1)');
  });
});
