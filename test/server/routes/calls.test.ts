import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN } from '../voice/phone-numbers.ts';
import { createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';

let h: VoiceHarness;
const tokens: Record<string, string> = {};
let answeredBySuzuki = '';
let placedBySato = '';

beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato', 'suzuki', 'tanaka'] });
  await h.addUser({ id: 'boss', role: 'admin' });
  for (const id of ['sato', 'suzuki', 'tanaka', 'boss']) tokens[id] = await h.signIn(`${id}@example.jp`);
  await h.addNumber(MAIN);
  await h.assignOutgoing('sato', MAIN.number);
  await h.goOnline('sato', 'suzuki');
  // sato rings without answering, suzuki answers.
  answeredBySuzuki = (await h.twilio.incomingCall({ from: '+819011112222', to: MAIN.number, script: { digits: ['1'], dial: [{}, { answeredBy: 'suzuki' }] } })).callSid;
  h.clock.advance(300);
  placedBySato = (await h.twilio.outgoingClientCall({ identity: 'sato', params: { To: '090-1234-5678' }, script: { dial: { outcome: 'no-answer' } } })).callSid;
  h.clock.advance(300);
  await h.twilio.incomingCall({ from: 'anonymous', to: MAIN.number, script: { digits: [] } });
});
afterAll(() => h.close());

const api = (method: string, path: string, user: string, body?: unknown) =>
  h.voice.request(path, {
    method,
    headers: { Authorization: `Bearer ${tokens[user]}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

type Listed = { calls: { callSid: string; status: string; direction: string; rep: string | null; rang: string[]; fromAnonymous: boolean }[]; nextCursor: string | null };
const list = async (user: string, query = '') => (await (await api('GET', `/api/calls${query}`, user)).json()) as Listed;

describe('GET /api/calls', () => {
  it('shows a rep the calls they took, placed or were rung for', async () => {
    expect((await list('sato')).calls.map((c) => c.callSid)).toEqual([placedBySato, answeredBySuzuki]);
    expect((await list('suzuki')).calls.map((c) => c.callSid)).toEqual([answeredBySuzuki]);
    expect((await list('tanaka')).calls).toEqual([]);
  });

  it('shows an admin every call, with filters', async () => {
    const all = await list('boss');
    expect(all.calls.map((c) => [c.direction, c.status, c.rep])).toEqual([
      ['inbound', 'missed', null],
      ['outbound', 'missed', 'sato'],
      ['inbound', 'completed', 'suzuki'],
    ]);
    expect(all.calls[0]?.fromAnonymous).toBe(true);
    expect((await list('boss', '?direction=outbound')).calls.map((c) => c.callSid)).toEqual([placedBySato]);
    expect((await list('boss', '?status=completed&rep=suzuki')).calls.map((c) => c.callSid)).toEqual([answeredBySuzuki]);
    expect((await list('boss', '?number=090-1234-5678')).calls.map((c) => c.callSid)).toEqual([placedBySato]);
    expect((await list('boss', '?number=09011112222')).calls.map((c) => c.callSid)).toEqual([answeredBySuzuki]);
    expect((await list('boss', '?from=2000-01-01&to=2000-01-02')).calls).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = await list('boss', '?limit=2');
    expect(first.calls).toHaveLength(2);
    const second = await list('boss', `?limit=2&cursor=${first.nextCursor}`);
    expect(second.calls.map((c) => c.callSid)).toEqual([answeredBySuzuki]);
    expect(second.nextCursor).toBeNull();
  });

  it.each([['?direction=sideways'], ['?limit=0'], ['?cursor=nonsense'], ['?from=yesterday'], ['?from=0000-01-01'], ['?to=0000-01-01T00:00:00Z']])('refuses %s with 400', async (query) => {
    expect((await api('GET', `/api/calls${query}`, 'boss')).status).toBe(400);
  });

  it('needs a signed-in user', async () => {
    expect((await h.voice.request('/api/calls')).status).toBe(401);
  });
});

describe('PATCH /api/calls/:sid', () => {
  it('lets the rep on the call set a note and a disposition', async () => {
    const response = await api('PATCH', `/api/calls/${answeredBySuzuki}`, 'suzuki', { note: '見積もりを送付', disposition: 'follow-up' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ callSid: answeredBySuzuki, note: '見積もりを送付', disposition: 'follow-up' });
    // …and queues the change for the CRM, in the same transaction.
    const update = await h.store.db.selectFrom('crm_outbox').select(['status', 'revision']).where('call_sid', '=', answeredBySuzuki).where('kind', '=', 'update-call').execute();
    expect(update).toEqual([{ status: 'pending', revision: 0 }]);
  });

  it('queues nothing for a refused change', async () => {
    expect((await api('PATCH', `/api/calls/${placedBySato}`, 'suzuki', { note: 'x' })).status).toBe(404);
    expect(await h.store.db.selectFrom('crm_outbox').select('id').where('call_sid', '=', placedBySato).where('kind', '=', 'update-call').execute()).toEqual([]);
  });

  it('refuses a rep who only rang, and hides the call from a rep who was not involved', async () => {
    expect((await api('PATCH', `/api/calls/${answeredBySuzuki}`, 'sato', { note: 'x' })).status).toBe(403);
    expect((await api('PATCH', `/api/calls/${answeredBySuzuki}`, 'tanaka', { note: 'x' })).status).toBe(404);
    expect((await api('PATCH', '/api/calls/CAnope', 'boss', { note: 'x' })).status).toBe(404);
  });

  it('refuses an empty change', async () => {
    expect((await api('PATCH', `/api/calls/${placedBySato}`, 'sato', {})).status).toBe(400);
  });
});

describe('what a rep who was only rung may read', () => {
  type Entry = {
    callSid: string;
    rep: string | null;
    status: string;
    note: string | null;
    disposition: string | null;
    involvement: string | null;
    legs: { rep: string | null }[];
    recordings: { recordingSid: string }[];
  };
  const entryFor = async (user: string, sid: string) => ((await list(user)).calls as unknown as Entry[]).find((call) => call.callSid === sid)!;

  beforeAll(async () => {
    expect((await api('PATCH', `/api/calls/${answeredBySuzuki}`, 'suzuki', { note: '契約の件で折り返し', disposition: 'call-back' })).status).toBe(200);
  });

  it('sees that a colleague took the call it rang for, without the colleague’s note, disposition, recording or leg', async () => {
    const seen = await entryFor('sato', answeredBySuzuki);
    expect(seen).toMatchObject({ status: 'completed', rep: 'suzuki', involvement: 'rung', note: null, disposition: null, recordings: [] });
    expect(seen.legs.map((leg) => leg.rep)).toEqual(['sato']);
  });

  it('the rep who talked, and an admin, see all of it', async () => {
    const talked = await entryFor('suzuki', answeredBySuzuki);
    expect(talked).toMatchObject({ involvement: 'party', note: '契約の件で折り返し', disposition: 'call-back' });
    // The call was recorded (MAIN records its calls): the recording is the talking rep's to hear.
    expect(talked.recordings).toHaveLength(1);
    expect(talked.legs.map((leg) => leg.rep).sort()).toEqual(['sato', 'suzuki']);
    expect(await entryFor('boss', answeredBySuzuki)).toMatchObject({ involvement: null, note: '契約の件で折り返し', recordings: [{}] });
  });

  it('cannot read it through the change route either', async () => {
    const refused = await api('PATCH', `/api/calls/${answeredBySuzuki}`, 'sato', { disposition: 'won' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).not.toContain('契約');
  });
});
