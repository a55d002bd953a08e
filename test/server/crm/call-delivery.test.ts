import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousError, PermanentError, RetryableError } from '../../../server/crm/errors.ts';
import { SEED_IDS } from '../../fixtures/zoho/seed.ts';
import { connectedZoho, inboundCall } from './zoho-harness.ts';

type Setup = Awaited<ReturnType<typeof connectedZoho>>;
let setup: Setup | null = null;
afterEach(() => setup?.emulator.close());

async function zoho(options: Parameters<typeof connectedZoho>[0] = {}) {
  setup = await connectedZoho(options);
  return setup;
}

describe('logging a call in Zoho', () => {
  it('creates an Inbound call on the contact, owned by the rep, with the time in the org zone', async () => {
    const { adapter, emulator } = await zoho();
    const { zohoCallId } = await adapter.deliverCall({ call: inboundCall(), attempts: 0 });
    const [stored] = emulator.state.calls();
    expect(stored).toMatchObject({
      id: zohoCallId,
      Subject: '着信: 山田 太郎',
      Call_Type: 'Inbound',
      Call_Start_Time: '2026-11-24T10:15:00+09:00',
      Call_Duration: '02:05',
      Call_Duration_in_seconds: 125,
      Who_Id: { id: SEED_IDS.yamada },
      Owner: { id: SEED_IDS.sato },
      Caller_ID: '+81312345678',
    });
  });

  it('logs a missed call from a lead against the lead, in Related To', async () => {
    const { adapter, emulator } = await zoho();
    await adapter.logCall(inboundCall({ outcome: 'missed', durationSeconds: 0, counterpartName: '伊藤 健', related: { module: 'Leads', id: SEED_IDS.ito } }));
    expect(emulator.state.calls()[0]).toMatchObject({ Subject: '不在着信: 伊藤 健', Call_Type: 'Missed', What_Id: { id: SEED_IDS.ito }, $se_module: 'Leads' });
  });

  it.each([
    ['a deleted contact', { related: { module: 'Contacts', id: '5725767000009999999' } }, 'INVALID_DATA', 'Who_Id'],
    ['a rep whose Zoho user is deactivated', { ownerCrmUserId: '5725767000000411004' }, 'INVALID_DATA', 'Owner'],
    ['a call-result value the picklist lacks', { callResult: '成約' }, 'INVALID_DATA', 'Call_Result'],
    ['a start time in the future', { startedAt: new Date('2026-11-25T00:00:00Z') }, 'INVALID_DATA', 'Call_Start_Time'],
  ] as const)('parks %s as a permanent error naming the field', async (_label, overrides, code, field) => {
    const { adapter } = await zoho();
    const error = await adapter.deliverCall({ call: inboundCall(overrides), attempts: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code, details: { api_name: field } });
  });

  it('waits out a 429 as retryable, with Zoho’s wait', async () => {
    const { adapter, emulator } = await zoho();
    emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 42 }, 1, { method: 'POST' });
    const error = await adapter.deliverCall({ call: inboundCall(), attempts: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterMs: 42_000 });
    expect(emulator.state.calls()).toHaveLength(0);
  });

  it('treats a 5xx to a search as retryable: a search writes nothing', async () => {
    const { adapter, emulator } = await zoho();
    emulator.faults.add({ kind: 'status', status: 503 }, 1, { method: 'GET', path: /\/Calls\/search$/ });
    const error = await adapter.deliverCall({ call: inboundCall(), attempts: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect(error).not.toBeInstanceOf(AmbiguousError);
    expect(emulator.state.calls()).toHaveLength(0);
  });

  it.each([
    [500, 'INTERNAL_ERROR'],
    [502, 'server_error'],
    [504, 'server_error'],
  ] as const)('creates the call only once when Zoho wrote it but answered %i', async (status, code) => {
    const { adapter, emulator } = await zoho();
    emulator.faults.add({ kind: 'accept-then-status', status }, 1, { method: 'POST', path: /\/Calls$/ });
    const call = inboundCall();
    const error = await adapter.deliverCall({ call, attempts: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousError);
    expect(error).toMatchObject({ code });
    expect(emulator.state.calls()).toHaveLength(1);

    const { zohoCallId } = await adapter.deliverCall({ call, attempts: 1 });
    expect(emulator.state.calls()).toHaveLength(1);
    expect(zohoCallId).toBe(emulator.state.calls()[0]?.id);
  });

  it('treats a 5xx to a create that never reached the records as possibly applied too: Zoho’s answer cannot tell', async () => {
    const { adapter, emulator } = await zoho();
    emulator.faults.add({ kind: 'status', status: 500 }, 1, { method: 'POST' });
    const error = await adapter.deliverCall({ call: inboundCall(), attempts: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousError);
    expect(emulator.state.calls()).toHaveLength(0);
    await adapter.deliverCall({ call: inboundCall(), attempts: 1 });
    expect(emulator.state.calls()).toHaveLength(1);
  });

  it.each([
    ['a gateway’s page', '<html><body>OK</body></html>'],
    ['a cut-off body', '{"data":[{"code":"SUCCESS","details":{"Modified_Time":"2026-11-24T12:0'],
  ])('creates the call only once when Zoho wrote it but the 2xx answer is unreadable (%s)', async (_label, text) => {
    let garbleNextCreate = true;
    const { adapter, emulator } = await zoho({
      fetch: async (input, init) => {
        const answer = await setup!.fetch(input, init);
        if (!garbleNextCreate || init?.method !== 'POST' || !String(input).endsWith('/crm/v8/Calls')) return answer;
        garbleNextCreate = false;
        return new Response(text, { status: answer.status });
      },
    });
    const call = inboundCall();
    const error = await adapter.deliverCall({ call, attempts: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousError);
    expect(error).toMatchObject({ code: 'bad_response' });
    expect(emulator.state.calls()).toHaveLength(1);

    const { zohoCallId } = await adapter.deliverCall({ call, attempts: 1 });
    expect(emulator.state.calls()).toHaveLength(1);
    expect(zohoCallId).toBe(emulator.state.calls()[0]?.id);
  });

  it('creates the call only once when Zoho accepted it but the answer timed out', async () => {
    const { adapter, emulator } = await zoho({ requestTimeoutMs: 100 });
    emulator.faults.add({ kind: 'accept-then-hang' }, 1, { method: 'POST', path: /\/Calls$/ });
    const call = inboundCall();
    const error = await adapter.deliverCall({ call, attempts: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousError);
    expect(emulator.state.calls()).toHaveLength(1);

    const { zohoCallId } = await adapter.deliverCall({ call, attempts: 1 });
    expect(emulator.state.calls()).toHaveLength(1);
    expect(zohoCallId).toBe(emulator.state.calls()[0]?.id);
  });

  it('creates the call on a retry when the earlier attempt never reached Zoho', async () => {
    const { adapter, emulator } = await zoho();
    await adapter.deliverCall({ call: inboundCall({ callSid: 'CA_OTHER_CALL_SAME_SECOND' }), attempts: 0 });
    await adapter.deliverCall({ call: inboundCall(), attempts: 3 });
    expect(emulator.state.calls()).toHaveLength(2);
  });

  it('delivers through an expired token mid-batch without losing or doubling a call', async () => {
    const { adapter, emulator } = await zoho();
    const calls = Array.from({ length: 6 }, (_, i) => inboundCall({ callSid: `CA${String(i).padStart(32, '0')}` }));
    await Promise.all(calls.slice(0, 3).map((call) => adapter.deliverCall({ call, attempts: 0 })));
    emulator.state.expireAccessTokens();
    await Promise.all(calls.slice(3).map((call) => adapter.deliverCall({ call, attempts: 0 })));
    expect(emulator.state.calls()).toHaveLength(6);
    expect(emulator.state.counters.refreshes).toBe(1);
  });
});

describe('after the call', () => {
  it('puts the rep’s note and disposition on the Zoho call', async () => {
    const { adapter, emulator } = await zoho();
    const call = inboundCall();
    const { recordId } = await adapter.logCall(call);
    await adapter.updateCall(recordId, { ...call, note: '見積もり送付済み', disposition: '折り返し', callResult: 'Requested call back' });
    expect(emulator.state.calls()[0]).toMatchObject({
      Description: 'IVR: 営業\nメモ: 見積もり送付済み\n対応結果: 折り返し\n[yobidashi:CA00000000000000000000000000000001]',
      Call_Result: 'Requested call back',
      Call_Type: 'Inbound',
    });
  });
});
