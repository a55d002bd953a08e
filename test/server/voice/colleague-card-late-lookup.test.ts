import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmMatchFrom, incomingCallInfo } from '../../../extension/phone/call-params.ts';
import { CARD_PARAMETERS } from '../../../server/voice/client-card.ts';
import type { Invite } from '../../emulators/twilio-call/endpoints.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { SEED_IDS } from '../../fixtures/zoho/seed.ts';
import { adminConnectsZoho, createZohoVoiceHarness } from '../crm-outbox/zoho-voice-harness.ts';
import type { IncomingNumberInput } from './phone-numbers.ts';
import type { VoiceHarness } from './voice-harness.ts';

/**
 * A colleague rung into a call while the caller lookup still runs (a transfer, an added party, a
 * supervisor listening in): their card says what the first rep's said, and gets the CRM's late answer
 * as the first rep's does. Real app, Twilio call emulator, Zoho emulator (slow search); the cards are
 * read by the extension's own parsing (phone/call-params.ts).
 */

/** 045-222-3333: the lead 伊藤 健 (most recently modified), the contact 渡辺 直子 and the account 伊藤商事株式会社. */
const ITO = '+81452223333';
/** 03-1234-5678: the contact 山田 太郎. */
const YAMADA = '+81312345678';
const SALES: IncomingNumberInput = {
  number: '+815011112222',
  label: '営業直通',
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['suzuki'], strategy: 'sequential', ringSeconds: 60, cycles: 1 },
};
/** Zoho's searches take this long (real time): the call is answered and handed on well before. */
const SEARCH_DELAY_MS = 3_000;
const LOOKUP_BUDGET_MS = 50;
const ORG_URL = 'https://crm.zoho.jp/crm/org90000001/tab';
const PENDING = '{"status":"pending"}';

let h: VoiceHarness;
let zoho: ZohoEmulator;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ({ h, zoho } = await createZohoVoiceHarness({ lookupBudgetMs: LOOKUP_BUDGET_MS }));
  await h.addUser({ id: 'boss', role: 'admin', email: 'boss@example.jp' });
  await h.addUser({ id: 'kanri', name: '管理 美香', role: 'supervisor', email: 'kanri@example.jp' });
  await h.addUser({ id: 'suzuki', name: '鈴木' });
  await h.addUser({ id: 'sato', name: '佐藤' });
  await h.addNumber(SALES);
  for (const id of ['boss', 'kanri', 'suzuki', 'sato']) tokens[id] = await h.signIn(`${id}@example.jp`);
  await adminConnectsZoho({ h, zoho }, tokens['boss']!);
  zoho.faults.add({ kind: 'slow', delayMs: SEARCH_DELAY_MS }, Infinity, { path: /\/search$/ });
});
afterAll(async () => {
  zoho.close();
  await h.close();
});

const lastInvite = (user: string) => h.twilio.device(user).invites.at(-1);
/** The card as the rep's extension reads it off the Voice SDK's invite. */
const cardOf = (invite: Invite | undefined) =>
  incomingCallInfo('in-1', { parameters: { CallSid: invite?.callSid ?? '', From: invite?.from ?? '' }, customParameters: new Map(Object.entries(invite?.customParameters ?? {})) });
/** What `GET /api/calls/:sid/card` tells `user`'s extension, read as the extension reads it (late-match.ts). */
async function askedMatch(sid: string, user: string) {
  const response = await h.call('GET', `/api/calls/${sid}/card`, { token: tokens[user] });
  expect(response.status).toBe(200);
  return crmMatchFrom(((await response.json()) as { crmMatch: unknown }).crmMatch);
}
const callRow = async (sid: string) => (await h.calls()).find((row) => row['call_sid'] === sid);

/** The usual three spellings (9 searches) answer slowly; the rarer ones, asked when those found nobody, at once. */
function slowFirstRoundOnly() {
  zoho.faults.clear();
  zoho.faults.add({ kind: 'slow', delayMs: SEARCH_DELAY_MS }, 9, { path: /\/search$/ });
}

/** The call rings 鈴木 before Zoho answers, and 鈴木 takes it. */
async function answeredBeforeTheLookupEnds(from: string) {
  await h.goOnline('suzuki', 'sato');
  for (const id of ['suzuki', 'sato', 'kanri']) h.twilio.device(id).live();
  const call = h.twilio.startIncomingCall({ from, to: SALES.number });
  await h.twilio.advance(2);
  expect(lastInvite('suzuki')?.customParameters[CARD_PARAMETERS.crmMatch]).toBe(PENDING);
  await h.twilio.device('suzuki').answer();
  await h.twilio.advance(2);
  return call;
}

describe("a colleague's card while the caller lookup outlives the ring", () => {
  it('shows a colleague the call is transferred to the record Zoho finds afterwards', async () => {
    const call = await answeredBeforeTheLookupEnds(ITO);
    const sent = await h.call('POST', `/api/calls/${call.sid}/transfer`, { token: tokens['suzuki'], body: { to: { user: 'sato' }, mode: 'blind' } });
    expect(sent.status).toBe(200);
    await h.twilio.advance(2);

    // Rung while Zoho is still searching: the colleague's card says what the first rep's said…
    const invite = lastInvite('sato');
    expect(invite?.customParameters).toMatchObject({ invitePurpose: 'transfer', [CARD_PARAMETERS.crmMatch]: PENDING });
    expect(await callRow(call.sid)).toMatchObject({ crm_record: null, crm_lookup: 'pending' });
    const ringing = cardOf(invite);
    const firstRep = cardOf(h.twilio.device('suzuki').invites[0]);
    // …and is one the extension asks the server about again (late-match.ts follows "unanswered" cards).
    expect(ringing).toMatchObject({ record: null, crmLookup: 'unanswered', callSid: call.sid, invite: { purpose: 'transfer' } });
    expect(ringing.crmLookup).toBe(firstRep.crmLookup);

    // Zoho answers: the colleague's next ask gets the record, as the first rep's does.
    await expect.poll(async () => (await askedMatch(call.sid, 'sato')).record?.name, { timeout: SEARCH_DELAY_MS + 5_000, interval: 100 }).toBe('伊藤 健');
    expect(await askedMatch(call.sid, 'sato')).toEqual({
      record: { crm: 'zoho', module: 'Leads', id: SEED_IDS.ito, name: '伊藤 健', url: `${ORG_URL}/Leads/${SEED_IDS.ito}` },
      others: [
        { crm: 'zoho', module: 'Contacts', id: SEED_IDS.watanabe, name: '渡辺 直子', url: `${ORG_URL}/Contacts/${SEED_IDS.watanabe}` },
        { crm: 'zoho', module: 'Accounts', id: SEED_IDS.itoAccount, name: '伊藤商事株式会社', url: `${ORG_URL}/Accounts/${SEED_IDS.itoAccount}` },
      ],
      lookup: 'matched',
    });
    expect(await askedMatch(call.sid, 'suzuki')).toMatchObject({ record: { id: SEED_IDS.ito }, lookup: 'matched' });

    // Handed on again now: the next colleague's card carries the record from the start.
    await h.twilio.device('sato').answer();
    await h.twilio.advance(2);
    await h.call('POST', `/api/calls/${call.sid}/transfer`, { token: tokens['sato'], body: { to: { user: 'suzuki' }, mode: 'blind' } });
    await h.twilio.advance(2);
    expect(cardOf(lastInvite('suzuki'))).toMatchObject({ record: { id: SEED_IDS.ito, name: '伊藤 健' }, crmLookup: 'matched', invite: { purpose: 'transfer' } });

    await call.hangUp();
    await h.twilio.advance(2);
  });

  it('tells a colleague added to the call "no record" once Zoho answers that nobody has the number', async () => {
    slowFirstRoundOnly();
    const call = await answeredBeforeTheLookupEnds('+81355550707');
    const sent = await h.call('POST', `/api/calls/${call.sid}/participants`, { token: tokens['suzuki'], body: { to: { user: 'sato' } } });
    expect(sent.status).toBe(200);
    await h.twilio.advance(2);
    const invite = lastInvite('sato');
    expect(invite?.customParameters).toMatchObject({ invitePurpose: 'add', [CARD_PARAMETERS.crmMatch]: PENDING });
    expect(cardOf(invite)).toMatchObject({ record: null, crmLookup: 'unanswered' });

    await expect.poll(async () => (await askedMatch(call.sid, 'sato')).lookup, { timeout: SEARCH_DELAY_MS + 5_000, interval: 100 }).toBe('none');
    expect(await callRow(call.sid)).toMatchObject({ crm_record: null, crm_lookup: 'none' });

    await call.hangUp();
    await h.twilio.advance(2);
  });

  it('gives a supervisor who listens in the same card, and the record once it is found', async () => {
    // 山田's number is found in its rarer spellings: only the first round is slow.
    slowFirstRoundOnly();
    const call = await answeredBeforeTheLookupEnds(YAMADA);
    await h.goOnline('kanri');
    const sent = await h.call('POST', `/api/calls/${call.sid}/monitor`, { token: tokens['kanri'], body: { mode: 'listen' } });
    expect(sent.status).toBe(200);
    await h.twilio.advance(2);
    const invite = lastInvite('kanri');
    expect(invite?.customParameters).toMatchObject({ invitePurpose: 'monitor', [CARD_PARAMETERS.crmMatch]: PENDING });

    await expect.poll(async () => (await askedMatch(call.sid, 'kanri')).record?.name, { timeout: SEARCH_DELAY_MS + 5_000, interval: 100 }).toBe('山田 太郎');

    await call.hangUp();
    await h.twilio.advance(2);
  });
});
