import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_PARAMETERS } from '../../../server/voice/client-card.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS } from '../../fixtures/zoho/seed.ts';
import { adminConnectsZoho, createZohoVoiceHarness } from '../crm-outbox/zoho-voice-harness.ts';
import type { IncomingNumberInput } from '../voice/phone-numbers.ts';
import type { VoiceHarness } from '../voice/voice-harness.ts';

/**
 * `GET /api/calls/:sid/card`: when Zoho answers the caller lookup after the call started ringing, the
 * ringing card said "the CRM did not answer in time"; the rep's phone asks for the card again and gets
 * the match the lookup wrote onto the call. Real app, Twilio call emulator, Zoho emulator (slow search).
 */

/** 045-222-3333: the lead 伊藤 健 (most recently modified), the contact 渡辺 直子 and the account 伊藤商事株式会社. */
const ITO = '+81452223333';
const SALES: IncomingNumberInput = {
  number: '+815011112222',
  label: '営業直通',
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['suzuki'], strategy: 'sequential', ringSeconds: 60, cycles: 1 },
};
/** Rings 鈴木, then 佐藤 (35 s each): each step of the ring looks the caller up again. */
const SUPPORT: IncomingNumberInput = {
  number: '+815011113333',
  label: 'サポート',
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['suzuki', 'sato'], strategy: 'sequential', ringSeconds: 35, cycles: 1 },
};
/** Zoho's search takes this long (real time), far past the ring's lookup budget. */
const SEARCH_DELAY_MS = 2_000;
const LOOKUP_BUDGET_MS = 50;
const ORG_URL = 'https://crm.zoho.jp/crm/org90000001/tab';

let h: VoiceHarness;
let zoho: ZohoEmulator;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ({ h, zoho } = await createZohoVoiceHarness({ lookupBudgetMs: LOOKUP_BUDGET_MS }));
  await h.addUser({ id: 'boss', role: 'admin', email: 'boss@example.jp' });
  await h.addUser({ id: 'suzuki', name: '鈴木' });
  await h.addUser({ id: 'sato', name: '佐藤' });
  await h.addNumber(SALES);
  await h.addNumber(SUPPORT);
  for (const id of ['boss', 'suzuki', 'sato']) tokens[id] = await h.signIn(`${id}@example.jp`);
  await adminConnectsZoho({ h, zoho }, tokens['boss']!);
  zoho.faults.add({ kind: 'slow', delayMs: SEARCH_DELAY_MS }, Infinity, { path: /\/search$/ });
});
afterAll(async () => {
  zoho.close();
  await h.close();
});

const card = (sid: string, user: string | null) => h.call('GET', `/api/calls/${sid}/card`, user ? { token: tokens[user] } : {});
const crmMatchOf = async (sid: string, user: string) => ((await (await card(sid, user)).json()) as { crmMatch: unknown }).crmMatch;
/** What the card says once the server's lookup has ended: polled as the rep's phone asks. */
const settledCard = (sid: string, user: string) =>
  expect.poll(async () => crmMatchOf(sid, user), { timeout: 10_000, interval: 100 }).not.toBeNull().then(() => crmMatchOf(sid, user));
const callRow = async (sid: string) => (await h.calls()).find((row) => row['call_sid'] === sid);
/** The card each rep's phone got, the latest last. */
const lastInvite = (user: string) => h.twilio.device(user).invites.at(-1);
/** Zoho's searches in the tests of a late "no record": still past the budget, but quicker to wait for. */
const LATE_SEARCH_MS = 400;
/** Zoho's searches: the next one fails with a 500, every other answers after LATE_SEARCH_MS. */
function failNextSearch() {
  zoho.faults.clear();
  zoho.faults.add({ kind: 'status', status: 500 }, 1, { path: /\/search$/ });
  zoho.faults.add({ kind: 'slow', delayMs: LATE_SEARCH_MS }, Infinity, { path: /\/search$/ });
}
const searches = () => zoho.state.requests.filter((request) => request.path.endsWith('/search')).length;
/**
 * The first rep's 35 s go by unanswered and the next rep rings. The server's clock is moved too: it
 * runs ahead of Twilio's (the tests above moved it past Zoho's remembered unavailability).
 */
async function ringOn() {
  h.clock.advance(36);
  await h.twilio.advance(36);
}
function searchesSlowOnly() {
  zoho.faults.clear();
  zoho.faults.add({ kind: 'slow', delayMs: LATE_SEARCH_MS }, Infinity, { path: /\/search$/ });
}

describe('GET /api/calls/:sid/card', () => {
  it('gives the ringing rep the match Zoho found after the call started ringing, and nothing once the call is over', async () => {
    await h.goOnline('suzuki');
    h.twilio.device('suzuki').live();
    const call = h.twilio.startIncomingCall({ from: ITO, to: SALES.number });
    await h.twilio.advance(2);
    const [invite] = h.twilio.device('suzuki').invites;
    // The call rang before Zoho answered: the card says so.
    expect(invite?.customParameters[CARD_PARAMETERS.crmMatch]).toBe('{"status":"pending"}');
    expect(h.twilio.device('suzuki').ringing).toEqual([invite?.callSid]);

    const early = await card(call.sid, 'suzuki');
    expect(early.status).toBe(200);
    expect(await early.json()).toEqual({ callSid: call.sid, crmMatch: null });

    // The lookup goes on after the budget and writes the match onto the call.
    await expect
      .poll(async () => ((await (await card(call.sid, 'suzuki')).json()) as { crmMatch: unknown }).crmMatch, { timeout: 10_000, interval: 100 })
      .toEqual({
        status: 'matched',
        module: 'Leads',
        id: SEED_IDS.ito,
        name: '伊藤 健',
        url: `${ORG_URL}/Leads/${SEED_IDS.ito}`,
        // The same alternatives a card that rang in time lists, as an array again.
        others: [
          { module: 'Contacts', id: SEED_IDS.watanabe, name: '渡辺 直子', url: `${ORG_URL}/Contacts/${SEED_IDS.watanabe}` },
          { module: 'Accounts', id: SEED_IDS.itoAccount, name: '伊藤商事株式会社', url: `${ORG_URL}/Accounts/${SEED_IDS.itoAccount}` },
        ],
      });

    // A rep the call never rang learns nothing of it, not even that it exists; an admin sees it.
    const stranger = await card(call.sid, 'sato');
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: { code: 'call_not_found' } });
    expect((await card(call.sid, 'boss')).status).toBe(200);

    // Answered: the card is still there for the rep on the call.
    await h.twilio.device('suzuki').answer();
    await h.twilio.advance(2);
    expect(await (await card(call.sid, 'suzuki')).json()).toMatchObject({ crmMatch: { status: 'matched', id: SEED_IDS.ito } });

    await call.hangUp();
    await h.twilio.advance(2);
    expect((await card(call.sid, 'suzuki')).status).toBe(404);
  });

  it.each([
    ['a CallSid no call has', 404, 'call_not_found', `CA${'0'.repeat(32)}`],
    ['a CallSid of the wrong shape', 404, 'call_not_found', `CA${'g'.repeat(32)}`],
    ['words', 404, 'call_not_found', 'nonsense'],
    ['a path climb', 404, 'call_not_found', '..%2F..%2Fetc%2Fpasswd'],
    ['a very long name', 404, 'call_not_found', `CA${'a'.repeat(5_000)}`],
    // Refused at the edge, before any route reads the path.
    ['an encoded NUL', 400, 'invalid_input', 'CA%00'],
  ])('answers %s with %i %s, never a 5xx', async (_label, status, code, sid) => {
    const response = await card(sid, 'suzuki');
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it('tells an admin no more about a CallSid nobody knows', async () => {
    const response = await card(`CA${'0'.repeat(32)}`, 'boss');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'call_not_found' } });
  });

  it('needs a signed-in user', async () => {
    expect((await card(`CA${'0'.repeat(32)}`, null)).status).toBe(401);
  });
});

describe('GET /api/calls/:sid/card when the late lookup finds no record', () => {
  beforeAll(searchesSlowOnly);
  it('tells the ringing rep the caller is new as soon as Zoho answers that nobody has the number', async () => {
    await h.goOnline('suzuki');
    h.twilio.device('suzuki').live();
    const call = h.twilio.startIncomingCall({ from: '+81355550101', to: SALES.number });
    await h.twilio.advance(2);
    expect(lastInvite('suzuki')?.customParameters[CARD_PARAMETERS.crmMatch]).toBe('{"status":"pending"}');
    expect(await crmMatchOf(call.sid, 'suzuki')).toBeNull();

    expect(await settledCard(call.sid, 'suzuki')).toEqual({ status: 'none' });
    // Kept on the call as one word beside the record it does not have; the admin's view agrees.
    expect(await callRow(call.sid)).toMatchObject({ crm_record: null, crm_lookup: 'none' });
    expect(await crmMatchOf(call.sid, 'boss')).toEqual({ status: 'none' });

    await call.hangUp();
    await h.twilio.advance(2);
    expect((await card(call.sid, 'suzuki')).status).toBe(404);
  });

  it('still says the CRM did not answer when Zoho fails after the call rang, never that the caller is new', async () => {
    h.clock.advance(60);
    failNextSearch();
    try {
      await h.goOnline('suzuki');
      h.twilio.device('suzuki').live();
      const call = h.twilio.startIncomingCall({ from: '+81355550202', to: SALES.number });
      await h.twilio.advance(2);
      expect(lastInvite('suzuki')?.customParameters[CARD_PARAMETERS.crmMatch]).toBe('{"status":"pending"}');

      expect(await settledCard(call.sid, 'suzuki')).toEqual({ status: 'unavailable' });
      expect(await callRow(call.sid)).toMatchObject({ crm_record: null, crm_lookup: 'unavailable' });
      await call.hangUp();
      await h.twilio.advance(2);
    } finally {
      searchesSlowOnly();
      // Past the few seconds the server remembers Zoho as unavailable.
      h.clock.advance(60);
    }
  });

  it('gives the next rep rung the record created meanwhile: a match learned after "no record" wins', async () => {
    await h.goOnline('suzuki', 'sato');
    h.twilio.device('suzuki').live();
    h.twilio.device('sato').live();
    const call = h.twilio.startIncomingCall({ from: '+81355550303', to: SUPPORT.number });
    await h.twilio.advance(2);
    const [first, second] = h.twilio.device('suzuki').ringing.length > 0 ? ['suzuki', 'sato'] : ['sato', 'suzuki'];
    expect(lastInvite(first!)?.customParameters[CARD_PARAMETERS.crmMatch]).toBe('{"status":"pending"}');
    expect(await settledCard(call.sid, first!)).toEqual({ status: 'none' });

    // The caller's details go into Zoho while the first rep's phone rings on.
    const leadId = '5725767000002000303';
    zoho.state.module('Leads')!.set(leadId, { id: leadId, Full_Name: '高橋 新', Phone: '03-5555-0303', Modified_Time: '2026-11-24T09:00:30+09:00' });
    // Unanswered: the next rep rings, looked up afresh once "new caller" is no longer remembered.
    await ringOn();
    expect(h.twilio.device(second!).ringing).toHaveLength(1);
    expect(lastInvite(second!)?.customParameters[CARD_PARAMETERS.crmMatch]).toBe('{"status":"pending"}');
    const matched = { status: 'matched', module: 'Leads', id: leadId, name: '高橋 新', url: `${ORG_URL}/Leads/${leadId}` };
    await expect.poll(async () => crmMatchOf(call.sid, second!), { timeout: 10_000, interval: 100 }).toEqual(matched);
    expect(await callRow(call.sid)).toMatchObject({ crm_record: { module: 'Leads', id: leadId }, crm_lookup: 'none' });

    await call.hangUp();
    await h.twilio.advance(2);
  });

  it('gives a colleague the call is transferred to the verdict learned late: "no record", not "the CRM did not answer"', async () => {
    h.clock.advance(60);
    await h.goOnline('suzuki', 'sato');
    h.twilio.device('suzuki').live();
    h.twilio.device('sato').live();
    const call = h.twilio.startIncomingCall({ from: '+81355550505', to: SALES.number });
    await h.twilio.advance(2);
    await h.twilio.device('suzuki').answer();
    await h.twilio.advance(2);
    expect(await settledCard(call.sid, 'suzuki')).toEqual({ status: 'none' });

    const sent = await h.call('POST', `/api/calls/${call.sid}/transfer`, { token: tokens['suzuki'], body: { to: { user: 'sato' }, mode: 'blind' } });
    expect(sent.status).toBe(200);
    await h.twilio.advance(2);
    expect(lastInvite('sato')?.customParameters).toMatchObject({ invitePurpose: 'transfer', [CARD_PARAMETERS.crmMatch]: '{"status":"none"}' });

    await call.hangUp();
    await h.twilio.advance(2);
  });

  it('gives a colleague the call is transferred to "no record" when Zoho answered in time that nobody has the number', async () => {
    h.clock.advance(60);
    zoho.faults.clear();
    try {
      await h.goOnline('suzuki', 'sato');
      h.twilio.device('suzuki').live();
      h.twilio.device('sato').live();
      const call = h.twilio.startIncomingCall({ from: '+81355550606', to: SALES.number });
      await h.twilio.advance(2);
      expect(lastInvite('suzuki')?.customParameters[CARD_PARAMETERS.crmMatch]).toBe('{"status":"none"}');
      await h.twilio.device('suzuki').answer();
      await h.twilio.advance(2);
      expect(await crmMatchOf(call.sid, 'suzuki')).toEqual({ status: 'none' });

      const sent = await h.call('POST', `/api/calls/${call.sid}/transfer`, { token: tokens['suzuki'], body: { to: { user: 'sato' }, mode: 'blind' } });
      expect(sent.status).toBe(200);
      await h.twilio.advance(2);
      expect(lastInvite('sato')?.customParameters).toMatchObject({ invitePurpose: 'transfer', [CARD_PARAMETERS.crmMatch]: '{"status":"none"}' });
      await call.hangUp();
      await h.twilio.advance(2);
    } finally {
      searchesSlowOnly();
    }
  });

  it('keeps "no record" when a later lookup of the same call fails', async () => {
    h.clock.advance(60);
    await h.goOnline('suzuki', 'sato');
    h.twilio.device('suzuki').live();
    h.twilio.device('sato').live();
    const call = h.twilio.startIncomingCall({ from: '+81355550404', to: SUPPORT.number });
    await h.twilio.advance(2);
    const [first, second] = h.twilio.device('suzuki').ringing.length > 0 ? ['suzuki', 'sato'] : ['sato', 'suzuki'];
    expect(await settledCard(call.sid, first!)).toEqual({ status: 'none' });

    failNextSearch();
    try {
      const before = searches();
      await ringOn();
      expect(h.twilio.device(second!).ringing).toHaveLength(1);
      expect(lastInvite(second!)?.customParameters[CARD_PARAMETERS.crmMatch]).toBe('{"status":"pending"}');
      // The second lookup searched, one search failed, the others answered: it is over, "no record" stays.
      expect(searches()).toBeGreaterThan(before);
      await new Promise((resolve) => setTimeout(resolve, LATE_SEARCH_MS + 500));
      expect(await crmMatchOf(call.sid, second!)).toEqual({ status: 'none' });
      expect(await callRow(call.sid)).toMatchObject({ crm_record: null, crm_lookup: 'none' });
    } finally {
      searchesSlowOnly();
      h.clock.advance(60);
    }
    await call.hangUp();
    await h.twilio.advance(2);
  });
});
