import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// First: it puts the fake browser in before the popup's modules load (WXT's storage reads `chrome`).
import {
  createApiClient, PhonePanel, uiLanguage, createDialerModel, createMessagingPhoneClient, formatAsYouType, createPhoneModel, createWrapUpModel,
  incomingCallInfo, PageCallCard, renderUi, phoneWithDevice, repApi, stored,
} from '../../support/popup-modules';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { callCrmRecord, crmMatchCard, crmMatchOfCall, crmMatchOfCallRecord, type CallerMatchResult } from '../../../../server/crm/caller-match';
import { cardParameters } from '../../../../server/voice/client-card';
import type { PublicState } from '@/messaging/public-state';
import type { BackgroundLink } from '@/models/messaging-phone-client';

/**
 * A call that rang before Zoho answered the caller lookup: its card said "the CRM did not answer in
 * time". The background asks the server again (GET /api/calls/:sid/card) and the popup and the CRM
 * page's card fill in with the record as soon as the server has it.
 */

const PARENT_SID = `CA${'1'.repeat(32)}`;
const ITO = '+81452223333';
const url = (module: string, id: string) => `https://crm.zoho.jp/crm/org1/tab/${module}/${id}`;
const ito: CallerMatchResult = {
  status: 'matched',
  record: { module: 'Leads', id: '2001', name: '伊藤 健', url: url('Leads', '2001') },
  others: [
    { module: 'Contacts', id: '1003', name: '渡辺 直子', url: url('Contacts', '1003') },
    { module: 'Accounts', id: '3002', name: '伊藤商事株式会社', url: url('Accounts', '3002') },
  ],
};

/** The ringing call as the Voice SDK hands it over: the server's card, rung before the lookup ended. */
const ringingCall = (callId: string) =>
  incomingCallInfo(callId, {
    parameters: { CallSid: `CA${'9'.repeat(32)}`, From: ITO },
    customParameters: new Map(
      cardParameters({ parentCallSid: PARENT_SID, from: ITO, calledNumber: '+815011112222', calledLabel: '営業直通', ivrPath: [], crmMatch: crmMatchCard({ status: 'pending' }) }).map(
        ({ name, value }): [string, string] => [name, value],
      ),
    ),
  });

/**
 * The server as the background reaches it, through the real API client: each ask of
 * `GET /api/calls/:sid/card` waits for the test to `answer` it (in order), so nothing races the screens.
 */
function cardServer() {
  const asked: string[] = [];
  const waiting: ((response: Response) => void)[] = [];
  let answered = 0;
  const fetch = (async (input: RequestInfo | URL) => {
    const sid = /^\/api\/calls\/([^/]+)\/card$/.exec(new URL(String(input)).pathname)?.[1];
    if (!sid) return Response.json({ error: { code: 'no_route', message: 'no route' } }, { status: 404 });
    asked.push(decodeURIComponent(sid));
    return new Promise<Response>((resolve) => waiting.push(resolve));
  }) as typeof globalThis.fetch;
  const client = createApiClient({ serverUrl: 'https://yb.example.jp', token: 'sess', fetch });
  return {
    api: repApi({ callCard: client.callCard }),
    asked,
    /** Answers the next ask, once the background has made it. */
    async answer(reply: (sid: string) => Response) {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0), { interval: 1 });
      waiting.shift()!(reply(asked[answered++]!));
    },
  };
}
const noMatchYet = (sid: string) => Response.json({ callSid: sid, crmMatch: null });
/** What the server answers once the lookup wrote the match onto the call (server/routes/calls.ts). */
const matched = (sid: string) => Response.json({ callSid: sid, crmMatch: crmMatchOfCallRecord(callCrmRecord(ito)) });
/** What the server answers once its lookup ended without a record (server/routes/calls.ts): nobody has the number… */
const noRecord = (sid: string) => Response.json({ callSid: sid, crmMatch: crmMatchOfCall({ crmRecord: null, crmLookup: 'none' }) });
/** …or Zoho failed (an error, a timeout). */
const lookupFailed = (sid: string) => Response.json({ callSid: sid, crmMatch: crmMatchOfCall({ crmRecord: null, crmLookup: 'unavailable' }) });
const gone = () => Response.json({ error: { code: 'call_not_found', message: 'There is no such call among yours (it may have ended).' } }, { status: 404 });
/** A proxy in front of the server that gave up waiting (the API client takes 502-504 as unreachable). */
const gatewayTimeout = () => new Response('Gateway Time-out', { status: 504 });
const sessionRefused = () => Response.json({ error: { code: 'unauthorized', message: 'Sign in again.' } }, { status: 401 });

/** Lets whatever is due (asks, publishes, renders) happen. */
const moment = () => new Promise((resolve) => setTimeout(resolve, 30));

/** The rep's background and phone, with the popup and the CRM page's card showing what it publishes. */
async function repWithScreens() {
  const server = cardServer();
  const listeners = new Set<(state: PublicState) => void>();
  const phone = phoneWithDevice({
    createApi: () => server.api,
    lateMatchDelaysMs: [1, 1, 1, 1],
    broadcast: (state) => listeners.forEach((listener) => listener(state)),
  });
  const link: BackgroundLink = {
    send: (async (message: { type: string; callId?: string }) => {
      if (message.type === 'getState') return phone.controller.state();
      if (message.type === 'accept') return phone.controller.accept(message.callId);
      return null;
    }) as BackgroundLink['send'],
    onStateChanged: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  const model = createPhoneModel(createMessagingPhoneClient(link, () => 'JP'));
  const wrapUp = createWrapUpModel({ updateCall: async () => ({}) as never }, stored(null));
  const popup = renderUi(<PhonePanel models={{ phone: model, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp }} />);
  const page = renderUi(<PageCallCard phone={model} guardSight={false} />);
  await phone.controller.setOnline(true);
  return { ...phone, ...server, screens: [popup.container, page.container] };
}

const recordLink = (root: HTMLElement) => root.querySelector<HTMLAnchorElement>('.yb-incoming__record a.yb-record');

describe('a card rung before the CRM answered', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    uiLanguage.value = 'en';
  });
  afterEach(() => (document.body.innerHTML = ''));

  it('fills in with the matched record, its module and the other records, in the popup and on the CRM page', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(noMatchYet);
    await moment();
    for (const screen of rep.screens) expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('The CRM did not answer in time');

    // Zoho answered the server meanwhile: the next ask gets the match.
    await rep.answer(matched);
    for (const screen of rep.screens) {
      await vi.waitFor(() => expect(recordLink(screen)?.textContent).toBe('伊藤 健'));
      expect(recordLink(screen)?.href).toBe(url('Leads', '2001'));
      expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('伊藤 健Lead');
      expect(screen.querySelector('.yb-other-records button')?.textContent).toBe('2 other records have this number');
      expect([...screen.querySelectorAll('.yb-other-records li a')].map((link) => link.textContent)).toEqual(['渡辺 直子', '伊藤商事株式会社']);
    }
    // Asked about the call the server logs (the parent CallSid), and no more once it had the match.
    await moment();
    expect(rep.asked).toEqual([PARENT_SID, PARENT_SID]);
    // The call, as the background keeps it, has the record too: what the in-call panel links to after Accept.
    expect(await rep.controller.calls()).toMatchObject({ current: { kind: 'incoming', call: { record: { name: '伊藤 健' }, crmLookup: 'matched' } } });
  });

  it('fills in the in-call panel when the match comes after the rep answered', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(noMatchYet);
    const answering = rep.controller.accept('in-1');
    await rep.settle();
    rep.device().emit('callStateChanged', 'in-1', 'accepted', `CA${'9'.repeat(32)}`);
    await answering;
    await moment();
    expect(rep.screens[0]!.querySelector('a.yb-record')).toBeNull();

    await rep.answer(matched);
    await vi.waitFor(() => expect(rep.screens[0]!.querySelector<HTMLAnchorElement>('a.yb-record')?.textContent).toBe('伊藤 健'));
    expect(rep.asked).toEqual([PARENT_SID, PARENT_SID]);
  });

  it('stops asking when the call ends', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await vi.waitFor(() => expect(rep.asked).toHaveLength(1));
    rep.device().emit('callStateChanged', 'in-1', 'canceled', `CA${'9'.repeat(32)}`);
    await rep.answer(matched);
    await moment();
    expect(rep.asked).toHaveLength(1);
    expect(await rep.controller.calls()).toMatchObject({ current: { kind: 'idle' } });
  });

  it('stops asking when the server no longer has the call for the rep', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(gone);
    await moment();
    expect(rep.asked).toEqual([PARENT_SID]);
    for (const screen of rep.screens) expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('The CRM did not answer in time');
  });

  it('leaves the phone ready and asks again when an ask cannot reach the server', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(gatewayTimeout);
    await moment();
    // The card can do without the match: no "Can't reach the server", and the rep can still call out.
    expect((await rep.controller.state()).status).toBe('ready');

    await rep.answer(matched);
    await vi.waitFor(() => expect(recordLink(rep.screens[0]!)?.textContent).toBe('伊藤 健'));
    rep.device().emit('callStateChanged', 'in-1', 'canceled', `CA${'9'.repeat(32)}`);
    await moment();
    expect((await rep.controller.state()).status).toBe('ready');
    await expect(rep.controller.dial('+81312345678', null)).resolves.toMatchObject({ callId: expect.any(String) });
  });

  it('stops asking when the server refuses the session', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(sessionRefused);
    await moment();
    expect(rep.asked).toEqual([PARENT_SID]);
  });

  it('asks a few times at most, then leaves the card as it is', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    for (let ask = 0; ask < 4; ask++) await rep.answer(noMatchYet);
    await moment();
    expect(rep.asked).toHaveLength(4);
    for (const screen of rep.screens) expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('The CRM did not answer in time');
  });

  it('never asks about a card the CRM answered in time', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', { ...ringingCall('in-1'), crmLookup: 'none' });
    await moment();
    expect(rep.asked).toEqual([]);
  });

  it('says the caller is new, in the popup and on the CRM page, as soon as the server learns nobody has the number', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(noMatchYet);
    await moment();
    for (const screen of rep.screens) expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('The CRM did not answer in time');

    await rep.answer(noRecord);
    for (const screen of rep.screens) {
      // The words of a card the CRM answered in time with no match, and nothing that would name someone.
      await vi.waitFor(() => expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('No matching record'));
      expect([recordLink(screen), screen.querySelector('.yb-other-records')]).toEqual([null, null]);
      expect(screen.querySelectorAll('.yb-incoming')).toHaveLength(1);
    }
    expect(await rep.controller.calls()).toMatchObject({ current: { kind: 'incoming', call: { record: null, crmLookup: 'none' } } });
  });

  it('still fills in a record the server learns after "no record"', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(noRecord);
    await vi.waitFor(() => expect(rep.screens[0]!.querySelector('.yb-incoming__record')?.textContent).toBe('No matching record'));

    // Asked on: a record created meanwhile, found by the server's next lookup of the call, wins.
    await rep.answer(matched);
    for (const screen of rep.screens) await vi.waitFor(() => expect(recordLink(screen)?.textContent).toBe('伊藤 健'));
    await moment();
    expect(rep.asked).toEqual([PARENT_SID, PARENT_SID]);
    expect(await rep.controller.calls()).toMatchObject({ current: { kind: 'incoming', call: { record: { name: '伊藤 健' }, crmLookup: 'matched' } } });
  });

  it('still says the CRM did not answer when the server\'s lookup failed, and asks on', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(lookupFailed);
    await rep.answer(noMatchYet);
    await moment();
    for (const screen of rep.screens) expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('The CRM did not answer in time');
    expect(await rep.controller.calls()).toMatchObject({ current: { kind: 'incoming', call: { crmLookup: 'unanswered' } } });

    await rep.answer(noRecord);
    for (const screen of rep.screens) await vi.waitFor(() => expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('No matching record'));
    // The last ask (a match may still come), and no more.
    await rep.answer(noRecord);
    await moment();
    expect(rep.asked).toHaveLength(4);
    for (const screen of rep.screens) expect(screen.querySelector('.yb-incoming__record')?.textContent).toBe('No matching record');
  });

  it('opens nothing when the server learns mid-conversation that nobody has the number', async () => {
    const rep = await repWithScreens();
    rep.device().emit('incoming', ringingCall('in-1'));
    await rep.answer(noMatchYet);
    const answering = rep.controller.accept('in-1');
    await rep.settle();
    rep.device().emit('callStateChanged', 'in-1', 'accepted', `CA${'9'.repeat(32)}`);
    await answering;
    await moment();

    await rep.answer(noRecord);
    await vi.waitFor(async () => expect(await rep.controller.calls()).toMatchObject({ current: { kind: 'in-call', call: { record: null, crmLookup: 'none' } } }));
    await moment();
    // The rep stays on the in-call panel: no incoming card comes back, no record is linked.
    for (const screen of rep.screens) {
      expect(screen.querySelector('.yb-incoming')).toBeNull();
      expect(screen.querySelector('a.yb-record')).toBeNull();
    }
    expect(rep.screens[0]!.textContent).toContain('On a call');
  });
});
