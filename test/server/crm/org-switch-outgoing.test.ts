import { afterEach, describe, expect, it } from 'vitest';
import { createZohoEmulator, type ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS } from '../../fixtures/zoho/seed.ts';
import { OAUTH_CLIENT } from '../crm-outbox/support.ts';
import { adminConnectsZoho, createZohoVoiceHarness, type ZohoVoiceHarness } from '../crm-outbox/zoho-voice-harness.ts';
import { MAIN } from '../voice/phone-numbers.ts';

/**
 * A rep calls from a record's page in Zoho (click-to-call): the call carries the record, and its log is
 * linked to it. When the admin connects another org before that log is delivered, the record is one of
 * the org connected before (server/crm/org-switch.ts): the new org never gets its id, not even once.
 * The real application on the Twilio call emulator; two emulated Zoho orgs, the server's requests going
 * to the one connected last.
 */

const OTHER_ORG = { id: '90000002', zgid: '90000002', domain_name: 'org90000002', company_name: '株式会社となり' } as const;
const PAGE = {
  To: '03-1234-5678',
  crm: 'zoho',
  crmModule: 'Contacts',
  crmId: SEED_IDS.yamada,
  crmName: '山田 太郎',
  crmUrl: `https://crm.zoho.jp/crm/org90000001/tab/Contacts/${SEED_IDS.yamada}`,
};

let opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const open of opened.reverse()) await open.close();
  opened = [];
});

async function setup() {
  const zoho: { current: ZohoEmulator | null } = { current: null };
  const harness: ZohoVoiceHarness = await createZohoVoiceHarness({ fetch: (first) => (input, init) => (zoho.current?.fetch ?? first)(input, init) });
  const { h } = harness;
  opened.push(h, harness.zoho);
  await h.addUser({ id: 'admin', role: 'admin', email: 'admin@example.jp' });
  await h.addUser({ id: 'sato', name: '佐藤', email: 'sato@example.jp' });
  await h.addNumber(MAIN);
  await h.assignOutgoing('sato', MAIN.number);
  const adminToken = await h.signIn('admin@example.jp');
  await adminConnectsZoho({ h, zoho: harness.zoho }, adminToken);

  /** The admin connects another org's Zoho (none of the first one's records). */
  async function connectAnother(): Promise<ZohoEmulator> {
    const next = createZohoEmulator({ now: () => harness.clock.now().getTime() });
    opened.push(next);
    next.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
    Object.assign(next.state.org, OTHER_ORG);
    for (const module of ['Contacts', 'Leads', 'Accounts', 'Deals']) next.state.module(module)!.clear();
    zoho.current = next;
    await adminConnectsZoho({ h, zoho: next }, adminToken);
    return next;
  }

  /** sato calls 山田 太郎 from his page in Zoho; they talk, and the call ends, its log queued. */
  async function callFromThePage() {
    const call = await h.twilio.outgoingClientCall({ identity: 'sato', params: PAGE, script: { dial: { answeredBy: '+81312345678', talkSeconds: 42 } } });
    expect((await h.calls()).find((row) => row['call_sid'] === call.callSid)).toMatchObject({ status: 'completed' });
    return call.callSid;
  }
  return { ...harness, connectAnother, callFromThePage };
}

const callPosts = (emulator: ZohoEmulator) => emulator.state.requests.filter((request) => request.method === 'POST' && request.path === '/crm/v8/Calls');

describe('a call placed from a record’s page in Zoho', () => {
  it('is logged on that record while the org stays connected', async () => {
    const { h, zoho, worker, callFromThePage } = await setup();
    const sid = await callFromThePage();
    // Kept with the org connected when the call was placed, the key the delivery compares.
    expect((await h.calls()).find((row) => row['call_sid'] === sid)?.['crm_org']).toBe('www.zohoapis.jp/90000001');

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0 });
    expect(callPosts(zoho)).toHaveLength(1);
    expect(zoho.state.calls()[0]).toMatchObject({ Subject: '発信: 山田 太郎', Who_Id: { id: SEED_IDS.yamada } });
  });

  it('delivered after the admin connected another org: logged there at once without the link, saying why', async () => {
    const { zoho, worker, callFromThePage, connectAnother } = await setup();
    const sid = await callFromThePage();
    const next = await connectAnother();

    expect(await worker.drainOnce()).toMatchObject({ delivered: 1, parked: 0, retried: 0 });
    // One create, without the old org's id: no refused request first.
    expect(callPosts(next)).toHaveLength(1);
    const [logged] = next.state.calls();
    expect(logged).not.toHaveProperty('Who_Id');
    expect(logged?.['Description']).toContain(`照合した連絡先（ID ${SEED_IDS.yamada}）は以前に接続していた Zoho の組織のレコードのため、紐付けずに記録`);
    expect(logged?.['Description']).toContain(`[yobidashi:${sid}]`);
    expect(callPosts(zoho)).toEqual([]);
  });
});
