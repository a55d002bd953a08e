import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// First: it puts the fake browser in before the popup's modules load (WXT's storage reads `chrome`).
import {
  createApiClient, PhonePanel, uiLanguage, createDialerModel, createMessagingPhoneClient, formatAsYouType, createPhoneModel,
  createWrapUpModel, incomingCallInfo, renderUi, phoneWithDevice, repApi, stored,
} from '../../support/popup-modules';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { callCrmRecord, crmMatchCard, crmMatchOfCallRecord, crmMatchOfInvitedCard, type CallerMatchResult } from '../../../../server/crm/caller-match';
import { CARD_PARAMETERS, cardParameters } from '../../../../server/voice/client-card';
import type { PublicState } from '@/messaging/public-state';
import type { BackgroundLink } from '@/models/messaging-phone-client';

/**
 * The card of a colleague the call is transferred to (or who is added, or a supervisor) while the
 * server's caller lookup still runs: it reads as the first rep's ringing card did, in Japanese and
 * English, and fills in with the record once the server has it. The cards are the server's own
 * (server/crm/caller-match.ts, server/voice/client-card.ts).
 */

const PARENT_SID = `CA${'2'.repeat(32)}`;
const ITO = '+81452223333';
const url = (module: string, id: string) => `https://crm.zoho.jp/crm/org1/tab/${module}/${id}`;
const ito: CallerMatchResult = { status: 'matched', record: { module: 'Leads', id: '2001', name: '伊藤 健', url: url('Leads', '2001') }, others: [] };
const card = { parentCallSid: PARENT_SID, from: ITO, calledNumber: '+815011112222', calledLabel: '営業直通', ivrPath: [] };

/** A card as the Voice SDK hands it over. */
const invited = (callId: string, parameters: Array<{ name: string; value: string }>) =>
  incomingCallInfo(callId, { parameters: { CallSid: `CA${'9'.repeat(32)}`, From: ITO }, customParameters: new Map(parameters.map(({ name, value }): [string, string] => [name, value])) });
/** The first rep's ringing card, rung before the lookup ended. */
const firstRepCard = (callId: string) => invited(callId, cardParameters({ ...card, crmMatch: crmMatchCard({ status: 'pending' }) }));
/** A colleague's transfer card, built from what the call keeps while its lookup still goes on (room-operations.ts). */
const transferCard = (callId: string) =>
  invited(callId, [
    ...cardParameters({ ...card, crmMatch: crmMatchOfInvitedCard({ crmRecord: null, crmLookup: 'pending' }) }),
    { name: CARD_PARAMETERS.invitePurpose, value: 'transfer' },
    { name: CARD_PARAMETERS.invitedBy, value: 'suzuki' },
    { name: CARD_PARAMETERS.invitedByName, value: '鈴木' },
  ]);

/** The rep's background and popup; `GET /api/calls/:sid/card` answers with `answer` of the moment. */
async function repWithPopup() {
  const asked: string[] = [];
  let answer: (sid: string) => Response = (sid) => Response.json({ callSid: sid, crmMatch: null });
  const fetch = (async (input: RequestInfo | URL) => {
    const sid = /^\/api\/calls\/([^/]+)\/card$/.exec(new URL(String(input)).pathname)?.[1];
    if (!sid) return Response.json({ error: { code: 'no_route', message: 'no route' } }, { status: 404 });
    asked.push(decodeURIComponent(sid));
    return answer(decodeURIComponent(sid));
  }) as typeof globalThis.fetch;
  const client = createApiClient({ serverUrl: 'https://yb.example.jp', token: 'sess', fetch });
  const listeners = new Set<(state: PublicState) => void>();
  const phone = phoneWithDevice({
    createApi: () => repApi({ callCard: client.callCard }),
    lateMatchDelaysMs: [1, 50, 50, 50, 50],
    broadcast: (state) => listeners.forEach((listener) => listener(state)),
  });
  const link: BackgroundLink = {
    send: (async (message: { type: string }) => (message.type === 'getState' ? phone.controller.state() : null)) as BackgroundLink['send'],
    onStateChanged: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  const model = createPhoneModel(createMessagingPhoneClient(link, () => 'JP'));
  const wrapUp = createWrapUpModel({ updateCall: async () => ({}) as never }, stored(null));
  const popup = renderUi(<PhonePanel models={{ phone: model, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp }} />);
  await phone.controller.setOnline(true);
  return { ...phone, asked, popup: popup.container, answerWith: (reply: typeof answer) => (answer = reply) };
}

const recordLine = (root: HTMLElement) => root.querySelector('.yb-incoming__record')?.textContent;

describe("a colleague's card rung while the caller lookup still runs", () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['ja', 'CRM からの応答が間に合いませんでした'],
    ['en', 'The CRM did not answer in time'],
  ] as const)('reads in %s as the first rep’s card did', async (language, words) => {
    uiLanguage.value = language;
    const seen: string[] = [];
    for (const ringing of [firstRepCard, transferCard]) {
      const rep = await repWithPopup();
      rep.device().emit('incoming', ringing('in-1'));
      await vi.waitFor(() => expect(recordLine(rep.popup)).toBeTruthy());
      seen.push(recordLine(rep.popup)!);
      document.body.innerHTML = '';
    }
    expect(seen).toEqual([words, words]);
  });

  it('fills in with the record the server learns afterwards', async () => {
    uiLanguage.value = 'ja';
    const rep = await repWithPopup();
    // The server's lookup ends between the phone's first ask and its second.
    let learned = false;
    rep.answerWith((sid) => Response.json({ callSid: sid, crmMatch: learned ? crmMatchOfCallRecord(callCrmRecord(ito)) : null }));
    rep.device().emit('incoming', transferCard('in-1'));
    await vi.waitFor(() => expect(rep.asked.length).toBeGreaterThan(0));
    expect(rep.asked[0]).toBe(PARENT_SID);
    expect(recordLine(rep.popup)).toBe('CRM からの応答が間に合いませんでした');
    learned = true;
    await vi.waitFor(() => expect(rep.popup.querySelector<HTMLAnchorElement>('.yb-incoming__record a.yb-record')?.textContent).toBe('伊藤 健'));
    expect(rep.popup.querySelector<HTMLAnchorElement>('.yb-incoming__record a.yb-record')?.href).toBe(url('Leads', '2001'));
  });
});
