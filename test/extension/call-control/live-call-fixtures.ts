import type { LiveCall, LiveParty } from '@/call-control/live-call';

// Calls as GET /api/calls/:callSid/live answers them (server/services/call-control/live-view.ts): 佐藤 花子
// (sato) answered a customer's call to 営業直通; 鈴木 一郎 (suzuki) is a colleague, 管理 美香 (kanri) a supervisor.

export const CALL_SID = 'CA0f3c9d2b7a6e5f4c3b2a19080706a5b4';
export const CUSTOMER = '+819011112222';

export const customer = (state: LiveParty['state'] = 'talking'): LiveParty => ({
  label: 'customer', kind: 'customer', purpose: 'answer', userId: null, name: null, number: CUSTOMER, state, monitor: null,
  invitedBy: null, since: '2026-11-24T00:00:05.000Z',
});
export const sato = (state: LiveParty['state'] = 'talking'): LiveParty => ({
  label: 'rep:sato', kind: 'rep', purpose: 'answer', userId: 'sato', name: '佐藤 花子', number: null, state, monitor: null,
  invitedBy: null, since: '2026-11-24T00:00:05.000Z',
});
export const suzuki = (purpose: string, state: LiveParty['state']): LiveParty => ({
  label: 'rep:suzuki', kind: 'rep', purpose, userId: 'suzuki', name: '鈴木 一郎', number: null, state, monitor: null,
  invitedBy: 'sato', since: '2026-11-24T00:01:10.000Z',
});
export const outside = (state: LiveParty['state']): LiveParty => ({
  label: 'guest:1', kind: 'guest', purpose: 'add', userId: null, name: null, number: '+81355551234', state, monitor: null,
  invitedBy: 'sato', since: '2026-11-24T00:01:20.000Z',
});
export const kanri = (monitor: NonNullable<LiveParty['monitor']>): LiveParty => ({
  label: 'sup:kanri', kind: 'supervisor', purpose: 'monitor', userId: 'kanri', name: '管理 美香', number: null, state: 'talking', monitor,
  invitedBy: 'kanri', since: '2026-11-24T00:02:00.000Z',
});

/** 管理 barged in and 佐藤 left: the call is 管理's, as a rep of it (server/voice/monitoring.ts). */
export const kanriTookOver = (): LiveParty => ({ ...kanri('barge'), kind: 'rep', monitor: null });

export function liveCall(overrides: Partial<LiveCall> = {}): LiveCall {
  return {
    callSid: CALL_SID,
    direction: 'inbound',
    state: 'live',
    customerNumber: CUSTOMER,
    calledNumber: '+815011110000',
    calledLabel: '営業直通',
    ivrPath: ['営業', '新規'],
    crmRecord: { module: 'Leads', id: '4876876000000456789', name: '山田 太郎', url: 'https://crm.zoho.jp/crm/org90000001/tab/Leads/4876876000000456789' },
    ownerId: 'sato',
    answeredAt: '2026-11-24T00:00:05.000Z',
    hold: null,
    handover: null,
    parties: [customer(), sato()],
    ...overrides,
  };
}

/** 佐藤 consults 鈴木: the customer on hold, 鈴木 ringing or talking. */
export function consult(state: 'ringing' | 'talking'): LiveCall {
  return liveCall({
    hold: { since: '2026-11-24T00:01:10.000Z' },
    handover: { label: 'rep:suzuki', purpose: 'consult', state, userId: 'suzuki', number: null, invitedBy: 'sato' },
    parties: [customer('held'), sato(), suzuki('consult', state === 'ringing' ? 'ringing' : 'talking')],
  });
}
