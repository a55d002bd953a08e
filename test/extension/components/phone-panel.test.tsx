import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { PhonePanel } from '@/components/phone-panel';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { createPhoneModel, type Clock } from '@/models/phone-model';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { createChecklistModel } from '@/models/checklist-model';
import type { CallLogApi } from '@/models/call-log';
import { createMessagingPhoneClient, type BackgroundLink } from '@/models/messaging-phone-client';
import { signedOutState, type PublicState } from '@/messaging/public-state';
import type { CallInfo } from '@/phone/call-info';
import type { CallView } from '@/models/phone-state';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { button, click, field, flush, renderUi, type } from './render';

function manualClock(start = 1_000_000) {
  let now = start;
  const ticks = new Set<() => void>();
  const clock: Clock = {
    now: () => now,
    every: (_ms, tick) => {
      ticks.add(tick);
      return () => ticks.delete(tick);
    },
  };
  return { clock, advance: (ms: number) => ((now += ms), ticks.forEach((tick) => tick())) };
}

function setup(calls: Partial<CallLogApi> = {}) {
  const fake = createFakePhoneClient({ status: 'ready', available: true });
  const time = manualClock();
  const phone = createPhoneModel(fake.client, time.clock);
  const api = { updateCall: async () => ({}) as never, ...calls };
  const models = { phone, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel(api) };
  const view = renderUi(<PhonePanel models={models} />);
  return { ...fake, ...time, phone, view };
}

describe('the popup dialer', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('formats the number as it is typed and calls it in E.164', async () => {
    const { view, sent } = setup();
    const input = field(view.container, 'Phone number');
    await type(input, '０３１２３４５６７８');
    expect(input.value).toBe('03-1234-5678');
    await click(button(view.container, 'Call'));
    expect(sent.dials).toEqual([{ to: '+81312345678' }]);
  });

  it('builds the number from keypad presses', async () => {
    const { view, sent } = setup();
    for (const key of '09012345678') await click(view.container.querySelector<HTMLButtonElement>(`[data-key="${key}"]`)!);
    expect(field(view.container, 'Phone number').value).toBe('090-1234-5678');
    await click(button(view.container, 'Call'));
    expect(sent.dials).toEqual([{ to: '+819012345678' }]);
  });

  it('cannot call while the phone is not ready', async () => {
    const { view, emit } = setup();
    emit({ status: 'no-microphone' });
    await flush();
    await type(field(view.container, 'Phone number'), '0312345678');
    expect(button(view.container, 'Call').disabled).toBe(true);
    expect(view.container.textContent).toContain('Allow the microphone once');
  });

  it('during a call sends keypad presses as DTMF, mutes, shows the timer and hangs up', async () => {
    const { view, emit, sent, advance } = setup();
    emit({
      phase: 'in-call',
      call: { callId: 'out-1', sid: 'CA1', direction: 'outbound', number: '+81312345678', muted: false, answeredAt: 1_000_000, record: { module: 'Leads', id: '1', name: '山田 太郎', url: 'https://crm.zoho.jp/crm/org1/tab/Leads/1' } },
    });
    await flush();
    expect(view.container.textContent).toContain('03-1234-5678');
    expect(view.container.textContent).toContain('山田 太郎');
    advance(65_000);
    await flush();
    expect(view.container.querySelector('[role="timer"]')?.textContent).toBe('1:05');

    await click(button(view.container, 'Keypad'));
    await click(view.container.querySelector<HTMLButtonElement>('[data-key="1"]')!);
    await click(view.container.querySelector<HTMLButtonElement>('[data-key="#"]')!);
    expect(sent.digits).toEqual(['1', '#']);

    await click(button(view.container, 'Mute'));
    expect(sent.muted).toEqual([true]);
    await click(button(view.container, 'Hang up'));
    expect(sent.hangUps).toBe(1);
  });

  it('after the call saves the note and outcome; a failed save keeps the note', async () => {
    let attempts = 0;
    const saved: unknown[] = [];
    const { view, emit, sent } = setup({
      updateCall: async (sid, update) => {
        if (++attempts === 1) throw new Error('HTTP 503');
        saved.push([sid, update]);
        return {} as never;
      },
    });
    emit({ phase: 'wrap-up', call: { callId: 'out-9', sid: 'CA9', direction: 'outbound', number: '+81312345678', muted: false } });
    await flush();
    await type(field<HTMLTextAreaElement>(view.container, 'Note'), '来週折り返し');
    const outcome = field<HTMLSelectElement>(view.container, 'Outcome');
    outcome.value = 'call-back';
    outcome.dispatchEvent(new Event('change', { bubbles: true }));

    await click(button(view.container, 'Save'));
    await flush();
    // A transport's English (`HTTP 503`) stays in the console; the rep reads the phone's own sentence.
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe('Could not save. Something went wrong. Try again; if it keeps happening, tell your admin. Your note is still here.');
    expect(field<HTMLTextAreaElement>(view.container, 'Note').value).toBe('来週折り返し');

    await click(button(view.container, 'Save'));
    await flush();
    expect(saved).toEqual([['CA9', { note: '来週折り返し', disposition: 'call-back' }]]);
    expect(sent.wrapUpsFinished).toBe(1);
  });

  it('toggles online and offline', async () => {
    const { view, sent } = setup();
    const toggle = view.container.querySelector<HTMLButtonElement>('[role="switch"]')!;
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    await click(toggle);
    expect(sent.available).toEqual([false]);
  });
});

describe('the online switch', () => {
  afterEach(() => (document.body.innerHTML = ''));
  const onCall: CallView = { callId: 'out-1', sid: 'CA1', direction: 'outbound', number: '+81312345678', muted: false, answeredAt: 1_000_000 };
  const toggle = (root: ParentNode) => root.querySelector<HTMLButtonElement>('[role="switch"]')!;

  it('waits for one change to land before it takes another', async () => {
    uiLanguage.value = 'en';
    const { view, client, sent } = setup();
    let land = () => {};
    client.setAvailable = (available) => (sent.available.push(available), new Promise<void>((resolve) => (land = resolve)));
    toggle(view.container).focus();
    await click(toggle(view.container));
    expect(toggle(view.container).getAttribute('aria-disabled')).toBe('true');
    await click(toggle(view.container));
    expect(sent.available).toEqual([false]);
    // Still focusable, and focused: a keyboard user presses Space again once the change has landed.
    expect(document.activeElement).toBe(toggle(view.container));
    land();
    await flush();
    expect(toggle(view.container).getAttribute('aria-disabled')).toBe('false');
  });

  it.each([
    ['en', 'Going offline ends the call you are on. Go offline anyway?', 'Stay on the call', 'End the call and go offline'],
    ['ja', 'オフラインにすると、いまの通話が終了します。オフラインにしますか？', '通話を続ける', '通話を終了してオフラインにする'],
  ] as const)('during a call asks first (%s)', async (language, question, stay, goOffline) => {
    uiLanguage.value = language;
    const { view, emit, sent } = setup();
    emit({ phase: 'in-call', call: onCall });
    await flush();
    await click(toggle(view.container));
    expect(view.container.querySelector('[role="alertdialog"]')?.textContent).toContain(question);
    expect(document.activeElement?.textContent).toBe(stay);
    expect(sent.available).toEqual([]);
    await click(button(view.container, stay));
    expect(view.container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(sent.available).toEqual([]);

    await click(toggle(view.container));
    await click(button(view.container, goOffline));
    expect(sent.available).toEqual([false]);
  });

  it('asks nothing once the call is over, nor between calls', async () => {
    uiLanguage.value = 'en';
    const { view, emit, sent } = setup();
    emit({ phase: 'dialing', call: onCall });
    await flush();
    await click(toggle(view.container));
    emit({ phase: 'idle', call: null });
    await flush();
    expect(view.container.querySelector('[role="alertdialog"]')).toBeNull();
    await click(toggle(view.container));
    expect(sent.available).toEqual([false]);
  });
});

describe('two callers ringing at once', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('each card’s Accept and Decline answer for its own caller', async () => {
    const caller = (callId: string, number: string): CallInfo => ({
      callId, direction: 'incoming', number, calledNumber: '+81501234567', calledLabel: '営業', ivrPath: [], callSid: `CA-${callId}`, record: null,
    });
    const state: PublicState = {
      ...signedOutState, signedIn: true, online: true, status: 'ready', outgoingNumber: '+81501234567',
      calls: { current: { kind: 'incoming', call: caller('in-1', '+81311111111'), since: 1 }, waiting: caller('in-2', '+81322222222') },
    };
    const sent: { type: string; callId?: string }[] = [];
    const link: BackgroundLink = {
      send: (async (message: { type: string; callId?: string }) => (sent.push(message), message.type === 'getState' ? state : null)) as BackgroundLink['send'],
      onStateChanged: () => () => undefined,
    };
    const phone = createPhoneModel(createMessagingPhoneClient(link, () => 'JP'));
    const view = renderUi(<PhonePanel models={{ phone, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) }} />);
    await flush();
    const [first, second] = [...view.container.querySelectorAll<HTMLElement>('section.yb-incoming')];
    expect(first?.textContent).toContain('03-1111-1111');
    expect(second?.textContent).toContain('03-2222-2222');
    await click(button(second!, 'Decline'));
    await click(button(first!, 'Accept'));
    expect(sent.filter((message) => message.type !== 'getState')).toEqual([
      { type: 'reject', callId: 'in-2' },
      { type: 'accept', callId: 'in-1' },
    ]);
  });
});

describe('a caller whose number several CRM records have, in the popup', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('the incoming card says so and lists them', async () => {
    const zoho = (module: string, id: string, name: string) => ({ crm: 'zoho', module, id, name, url: `https://crm.zoho.jp/crm/org1/tab/${module}/${id}` });
    const call: CallInfo = {
      callId: 'in-1', direction: 'incoming', number: '+81452223333', calledNumber: '+81501234567', calledLabel: '代表', ivrPath: [], callSid: 'CA1',
      record: zoho('Leads', '1', 'Ken Ito'), others: [zoho('Contacts', '2', 'Naoko Watanabe'), zoho('Accounts', '3', 'Ito Trading')],
    };
    const state: PublicState = { ...signedOutState, signedIn: true, online: true, status: 'ready', calls: { current: { kind: 'incoming', call, since: 1 }, waiting: null } };
    const link: BackgroundLink = { send: (async (message: { type: string }) => (message.type === 'getState' ? state : null)) as BackgroundLink['send'], onStateChanged: () => () => undefined };
    const phone = createPhoneModel(createMessagingPhoneClient(link, () => 'JP'));
    const view = renderUi(<PhonePanel models={{ phone, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) }} />);
    await flush();
    await click(button(view.container, '2 other records have this number'));
    expect([...view.container.querySelectorAll('.yb-other-records li')].map((item) => item.textContent)).toEqual(['Naoko WatanabeContact', 'Ito TradingAccount']);
  });
});

describe('a call that did not start, in the popup', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('says which number, why, and what to do; Close closes it', async () => {
    const { view, emit, sent } = setup();
    emit({ problem: { reason: 'timed-out', direction: 'outbound', number: '+81312345678' } });
    await flush();
    const notice = view.container.querySelector('.yb-call-problem')!;
    expect(notice.querySelector('h2')?.textContent).toBe("Couldn't call 03-1234-5678");
    expect(notice.textContent).toContain('Twilio did not respond within 10 seconds. Check your network and try again.');
    await click(button(notice, 'Close'));
    expect(sent.problemsDismissed).toBe(1);
  });

  it('offers to go online when offline was the reason', async () => {
    const { view, emit, sent } = setup();
    emit({ status: 'offline', available: false, problem: { reason: 'offline', direction: 'outbound', number: '+81312345678' } });
    await flush();
    await click(button(view.container.querySelector('.yb-call-problem')!, 'Go online'));
    expect(sent.available).toEqual([true]);
  });
});

describe('the popup says each thing once', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('offline: the status line says オフライン, the switch is labelled オンライン, and “Why can’t I call?” is one title', async () => {
    uiLanguage.value = 'ja';
    const fake = createFakePhoneClient({ status: 'offline', available: false });
    const phone = createPhoneModel(fake.client);
    const checklist = createChecklistModel(async () => []);
    const models = {
      phone, checklist, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }),
    };
    const view = renderUi(<PhonePanel models={models} />);
    const text = view.container.textContent ?? '';
    expect(text.split('オフライン').length - 1).toBe(1);
    expect(view.container.querySelector('[role="switch"]')?.textContent).toBe('オンライン');
    expect(view.container.querySelector('[role="switch"]')?.getAttribute('aria-checked')).toBe('false');
    expect(text.split('発信できない理由を確認').length - 1).toBe(1);
  });
});

describe('a rep without an outgoing number', () => {
  afterEach(() => (document.body.innerHTML = ''));
  it('is told that outgoing calls need an admin, and cannot call', async () => {
    uiLanguage.value = 'ja';
    const fake = createFakePhoneClient({ status: 'ready', available: true, canCallOut: false });
    const phone = createPhoneModel(fake.client);
    const models = { phone, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) };
    const view = renderUi(<PhonePanel models={models} />);
    await type(field(view.container, '電話番号'), '0312345678');
    expect(button(view.container, '発信').disabled).toBe(true);
    expect(view.container.textContent).toContain('管理者に発信番号の割り当てを依頼してください。');
  });
});

describe('the wrap-up form belongs to one call', () => {
  afterEach(() => (document.body.innerHTML = ''));
  const callA: CallView = { callId: 'a', sid: 'CA-A', direction: 'outbound', number: '+81312345678', muted: false };
  const callB: CallView = { callId: 'b', sid: 'CA-B', direction: 'inbound', number: '+819012345678', muted: false };

  it('a call answered during a wrap-up gets its own empty form, and Save writes nothing of the first call to it', async () => {
    uiLanguage.value = 'ja';
    const saved: unknown[] = [];
    const { view, emit } = setup({ updateCall: async (sid, update) => (saved.push([sid, update]), {}) as never });
    emit({ phase: 'wrap-up', call: callA });
    await flush();
    const outcome = field<HTMLSelectElement>(view.container, '結果');
    outcome.value = 'won';
    outcome.dispatchEvent(new Event('change', { bubbles: true }));
    await type(field<HTMLTextAreaElement>(view.container, 'メモ'), 'A社: 見積もり承認、来月発注');
    // B rings during A's wrap-up (it replaces it), is answered and ends.
    emit({ phase: 'incoming', call: callB });
    emit({ phase: 'in-call', call: { ...callB, answeredAt: 1 } });
    emit({ phase: 'wrap-up', call: callB });
    await flush();
    expect({ note: field<HTMLTextAreaElement>(view.container, 'メモ').value, outcome: field<HTMLSelectElement>(view.container, '結果').value }).toEqual({ note: '', outcome: '' });
    await click(button(view.container, '保存'));
    await flush();
    expect(saved).toEqual([['CA-B', { disposition: null }]]);
  });

  it('counts the note’s characters as it nears the server’s 5000, and stops it there', async () => {
    uiLanguage.value = 'en';
    const { view, emit } = setup();
    emit({ phase: 'wrap-up', call: callA });
    await flush();
    const note = field<HTMLTextAreaElement>(view.container, 'Note');
    expect(note.maxLength).toBe(5000);
    await type(note, 'a'.repeat(100));
    expect(view.container.textContent).not.toContain('/ 5,000 characters');
    await type(note, 'a'.repeat(4600));
    expect(view.container.textContent).toContain('4,600 / 5,000 characters');
  });
});
