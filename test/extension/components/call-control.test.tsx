import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toLiveCallView, type LiveCallView } from '@/call-control/live-call-view';
import type { LiveCall } from '@/call-control/live-call';
import { LiveCalls } from '@/components/call-control/live-calls';
import { PhonePanel } from '@/components/phone-panel';
import { PageCallCard } from '@/ui/page-call-card';
import { createLiveCallsModel } from '@/models/live-calls-model';
import { uiLanguage } from '@/locales/i18n';
import type { CallControlClient, Colleague, RepAction } from '@/models/call-control-client';
import { CALL_CONTROL_ERRORS, createCallControlModel, describeControlError, HOLD_CONFIRM_MS } from '@/models/call-control-model';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { createPhoneModel, type Clock } from '@/models/phone-model';
import type { CallView } from '@/models/phone-state';
import { SEARCH_PAUSE_MS } from '@/models/transfer-picker-model';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { CALL_SID, consult, customer, kanri, liveCall, sato, suzuki } from '../call-control/live-call-fixtures';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { button, click, field, flush, renderUi, type } from './render';

const COLLEAGUES: Colleague[] = [
  { id: 'suzuki', name: '鈴木 一郎', status: 'online', available: true },
  { id: 'takahashi', name: '高橋 三郎', status: 'online', available: true },
  { id: 'tanaka', name: '田中 次郎', status: 'on-call', available: false },
  { id: 'ito', name: '伊藤 四郎', status: 'offline', available: false },
];

/** The background as the call card reaches it: it records what was asked and answers the call as it stands. */
function fakeControl(answer: () => LiveCallView) {
  const acts: [string, RepAction][] = [];
  const searches: string[] = [];
  const monitors: string[] = [];
  let refusal: { code: string } | null = null;
  const client: CallControlClient = {
    act: async (callSid, action) => {
      acts.push([callSid, action]);
      if (refusal) throw refusal;
      return answer();
    },
    colleagues: async (query) => {
      searches.push(query);
      return COLLEAGUES.filter((colleague) => colleague.name.includes(query));
    },
    monitor: async (callSid, mode) => {
      monitors.push(`${mode} ${callSid}`);
      if (refusal) throw refusal;
      return answer();
    },
    stopMonitor: async (callSid) => (monitors.push(`stop ${callSid}`), answer()),
    liveCalls: async () => [answer()],
  };
  return { client, acts, searches, monitors, refuse: (code: string | null) => void (refusal = code ? { code } : null) };
}

function manualClock(start: number) {
  let now = start;
  const ticks = new Set<() => void>();
  const clock: Clock = { now: () => now, every: (_ms, tick) => (ticks.add(tick), () => ticks.delete(tick)) };
  return { clock, advance: (ms: number) => ((now += ms), ticks.forEach((tick) => tick())) };
}

const ANSWERED = Date.parse('2026-11-24T00:00:05.000Z');
const call = (overrides: Partial<CallView> = {}): CallView => ({
  callId: 'in-1', sid: CALL_SID, direction: 'inbound', number: '+819011112222', muted: false, answeredAt: ANSWERED, calledLabel: '営業直通', ivrPath: ['営業', '新規'], ...overrides,
});

function setup(room: LiveCall, me = 'sato', callOverrides: Partial<CallView> = {}) {
  let current = toLiveCallView(room, me);
  const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'in-call', call: call(callOverrides), live: current });
  const time = manualClock(ANSWERED + 60_000);
  const phone = createPhoneModel(fake.client, time.clock);
  const background = fakeControl(() => current);
  const control = createCallControlModel(background.client, phone, { country: () => 'JP', format: formatAsYouType });
  const models = { phone, control, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) };
  const view = renderUi(<PhonePanel models={models} />);
  /** The room changes (the background's next poll). */
  const roomIs = async (next: LiveCall) => {
    current = toLiveCallView(next, me);
    fake.emit({ live: current });
    await flush();
  };
  return { ...background, ...time, view, roomIs, panel: () => view.container.querySelector('.yb-in-call') as HTMLElement };
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('hold and resume on the call card', () => {
  beforeEach(() => (uiLanguage.value = 'en'));

  it('holds, says so until the room confirms, then shows Resume and how long the caller has waited', async () => {
    const t = setup(liveCall());
    await click(button(t.panel(), 'Hold'));
    expect(t.acts).toEqual([[CALL_SID, { kind: 'hold' }]]);
    expect(button(t.panel(), 'Putting on hold…').disabled).toBe(true);

    await t.roomIs(liveCall({ hold: { since: new Date(ANSWERED + 60_000).toISOString() }, parties: [customer('held'), sato()] }));
    t.advance(83_000);
    await flush();
    expect(t.panel().querySelector('[aria-label="Time on hold"]')?.textContent).toBe('1:23');
    expect(t.panel().querySelector('.yb-parties')?.textContent).toContain('Customer 090-1111-2222On hold');

    await click(button(t.panel(), 'Resume'));
    expect(t.acts.at(-1)).toEqual([CALL_SID, { kind: 'resume' }]);
    await t.roomIs(liveCall());
    expect(button(t.panel(), 'Hold').disabled).toBe(false);
    // A consult holds the caller again: the button follows the room, not the earlier request.
    await t.roomIs(consult('ringing'));
    expect(button(t.panel(), 'Resume').disabled).toBe(true);
  });

  it('gives the button back if the room never says so', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const t = setup(liveCall());
    await click(button(t.panel(), 'Hold'));
    await vi.advanceTimersByTimeAsync(HOLD_CONFIRM_MS);
    await flush();
    expect(button(t.panel(), 'Hold').disabled).toBe(false);
  });

  it('speaks Japanese: 保留 / 保留解除, and the people on the call with their state', async () => {
    uiLanguage.value = 'ja';
    const t = setup(liveCall({ hold: { since: new Date(ANSWERED).toISOString() }, parties: [customer('held'), sato(), kanri('listen')] }));
    expect(button(t.panel(), '保留解除')).toBeTruthy();
    const rows = [...t.panel().querySelectorAll('.yb-party')].map((row) => row.textContent);
    expect(rows).toEqual(['お客様 090-1111-2222保留中', '佐藤 花子 （あなた）通話中', '管理 美香 (スーパーバイザー)モニタリング中（聞く）']);
  });
});

describe('transfer', () => {
  beforeEach(() => (uiLanguage.value = 'en'));

  it('lists who is free first, greys out the busy and the offline, and sends a consult with a note', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const t = setup(liveCall());
    await click(button(t.panel(), 'Transfer'));
    await flush();
    const rows = [...t.panel().querySelectorAll('.yb-colleague')];
    expect(rows.map((row) => [row.textContent, row.querySelector('input')?.disabled])).toEqual([
      ['鈴木 一郎Available', false],
      ['高橋 三郎Available', false],
      ['田中 次郎On a call', true],
      ['伊藤 四郎Offline', true],
    ]);
    expect(document.activeElement).toBe(field(t.panel(), 'Search colleagues by name'));

    await type(field(t.panel(), 'Search colleagues by name'), '鈴木');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    await flush();
    expect(t.searches.at(-1)).toBe('鈴木');
    await click(t.panel().querySelector<HTMLInputElement>('.yb-colleague input')!);
    await type(field<HTMLTextAreaElement>(t.panel(), 'Note for your colleague (optional)'), '見積もりの件です');
    await click(button(t.panel(), 'Call to consult'));
    expect(t.acts).toEqual([[CALL_SID, { kind: 'transfer', to: { user: 'suzuki' }, mode: 'warm', note: '見積もりの件です' }]]);
    expect(t.panel().querySelector('.yb-picker')).toBeNull();
  });

  it('transfers blind to a typed number, formatted as in the dialer', async () => {
    const t = setup(liveCall());
    await click(button(t.panel(), 'Transfer'));
    await click(t.panel().querySelectorAll<HTMLInputElement>('.yb-picker__choice input')[1]!);
    const number = field(t.panel(), 'Phone number');
    await type(number, '０３５５５５１２３４');
    expect(number.value).toBe('03-5555-1234');
    await click([...t.panel().querySelectorAll<HTMLInputElement>('.yb-picker__choice input')].at(-1)!);
    await click(button(t.panel(), 'Transfer now'));
    expect(t.acts).toEqual([[CALL_SID, { kind: 'transfer', to: { number: '+81355551234' }, mode: 'blind' }]]);
  });

  it('says in the rep’s language why the server refused', async () => {
    uiLanguage.value = 'ja';
    const t = setup(liveCall());
    t.refuse('colleague_unavailable');
    await click(button(t.panel(), '転送'));
    await flush();
    await click(t.panel().querySelector<HTMLInputElement>('.yb-colleague input')!);
    await click(button(t.panel(), '呼び出して相談'));
    expect(t.panel().querySelector('[role="alert"]')?.textContent).toBe('その同僚はオフラインか、別の通話中です。');
    // The panel stays, with the choice, so the rep can pick someone else.
    expect(t.panel().querySelector('.yb-picker')).not.toBeNull();
  });

  it('during a consult: the colleague’s state, Complete once they talk, Cancel back to the customer', async () => {
    const t = setup(consult('ringing'));
    expect(t.panel().querySelector('.yb-consult')?.textContent).toContain('Ringing 鈴木 一郎… the customer is on hold.');
    expect(button(t.panel(), 'Complete transfer').disabled).toBe(true);
    expect(button(t.panel(), 'Transfer').disabled).toBe(true);
    await t.roomIs(consult('talking'));
    expect(t.panel().querySelector('.yb-consult')?.textContent).toContain('Talking with 鈴木 一郎. The customer is on hold.');
    await click(button(t.panel(), 'Complete transfer'));
    expect(t.acts).toEqual([[CALL_SID, { kind: 'complete-transfer' }]]);
    await click(button(t.panel(), 'Cancel: back to the customer'));
    expect(t.acts.at(-1)).toEqual([CALL_SID, { kind: 'cancel-transfer' }]);
  });
});

describe('a 3-way call', () => {
  beforeEach(() => (uiLanguage.value = 'en'));

  it('adds a colleague, and offers Leave once someone else stays with the customer', async () => {
    const t = setup(liveCall());
    expect(() => button(t.panel(), 'Leave')).toThrow();
    await click(button(t.panel(), 'Add to call'));
    await flush();
    expect(t.panel().querySelector('.yb-picker__title')?.textContent).toBe('Add to the call');
    expect(t.panel().textContent).not.toContain('Consult first');
    await click(t.panel().querySelectorAll<HTMLInputElement>('.yb-colleague input')[1]!);
    await click(button(t.panel(), 'Add'));
    expect(t.acts).toEqual([[CALL_SID, { kind: 'add', to: { user: 'takahashi' } }]]);

    await t.roomIs(liveCall({ parties: [customer(), sato(), suzuki('add', 'talking')] }));
    await click(button(t.panel(), 'Leave'));
    expect(t.acts.at(-1)).toEqual([CALL_SID, { kind: 'leave' }]);
  });
});

describe('the card of a transferred call', () => {
  it.each([
    ['ja', { purpose: 'transfer', byId: 'sato', byName: '佐藤 花子', note: '見積もりの件です' }, '佐藤 花子さんからの転送', '引き継ぎメモ：見積もりの件です'],
    ['en', { purpose: 'transfer', byId: 'sato', byName: 'Hanako Sato', note: null }, 'Transferred by Hanako Sato', null],
    ['ja', { purpose: 'recall', byId: 'sato', byName: '佐藤 花子', note: null }, '転送先が応答しませんでした。お客様の通話に戻ります', null],
    ['en', { purpose: 'recall', byId: 'sato', byName: 'Hanako Sato', note: null }, 'Your transfer was not answered — back to you', null],
  ] as const)('in %s, while it rings and once answered: %j', async (language, invite, headline, note) => {
    uiLanguage.value = language;
    const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'incoming', call: call({ invite, answeredAt: null }) });
    const phone = createPhoneModel(fake.client);
    const view = renderUi(<PhonePanel models={{ phone, dialer: createDialerModel(), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) }} />);
    const card = view.container.querySelector('.yb-incoming')!;
    expect(card.querySelector('.yb-invite__from')?.textContent).toBe(headline);
    expect(card.querySelector('.yb-invite__note')?.textContent ?? null).toBe(note);
    // The original caller and their menu choices, as on any incoming card.
    expect(card.querySelector('h2')?.textContent).toBe('090-1111-2222');
    expect(card.querySelector('.yb-ivr-path')?.textContent).toContain('営業 › 新規');
    fake.emit({ phase: 'in-call', call: call({ invite }) });
    await flush();
    expect(view.container.querySelector('.yb-in-call .yb-invite__from')?.textContent).toBe(headline);
  });
});

describe('a supervisor', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  const monitorLeg = { invite: { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null } };

  it('sees whose call they monitor and how, and switches between listen, whisper and barge', async () => {
    const t = setup(liveCall({ parties: [customer(), sato(), kanri('listen')] }), 'kanri', monitorLeg);
    expect(t.panel().querySelector('.yb-monitoring__title')?.textContent).toBe('Monitoring 佐藤 花子’s callListen');
    expect(t.panel().textContent).toContain('Muted: nobody hears you.');
    expect(button(t.panel(), 'Listen').getAttribute('aria-pressed')).toBe('true');
    expect(() => button(t.panel(), 'Hold')).toThrow();
    await click(button(t.panel(), 'Whisper'));
    expect(t.monitors).toEqual([`whisper ${CALL_SID}`]);
    await click(button(t.panel(), 'Stop monitoring'));
    expect(t.monitors.at(-1)).toBe(`stop ${CALL_SID}`);
  });

  it('in Japanese: モニタリング: 聞く / ささやく / 参加する', () => {
    uiLanguage.value = 'ja';
    const t = setup(liveCall({ parties: [customer(), sato(), kanri('barge')] }), 'kanri', monitorLeg);
    expect(t.panel().querySelector('.yb-monitoring__title')?.textContent).toBe('佐藤 花子さんの通話をモニタリング中参加する');
    expect([...t.panel().querySelectorAll('.yb-segmented button')].map((b) => b.textContent)).toEqual(['聞く', 'ささやく', '参加する']);
  });
});

describe('the supervisor’s live calls', () => {
  it.each([
    ['en', ['Listen', 'Whisper', 'Barge in'], 'On hold', '営業直通 › 営業 › 新規'],
    ['ja', ['聞く', 'ささやく', '参加する'], '保留中', '営業直通 › 営業 › 新規'],
  ] as const)('in %s: every call with its rep, customer, line, duration and hold; Listen asks to monitor', async (language, modes, held, line) => {
    uiLanguage.value = language;
    const room = liveCall({ hold: { since: new Date(ANSWERED + 30_000).toISOString() }, parties: [customer('held'), sato()] });
    const background = fakeControl(() => toLiveCallView(room, 'kanri'));
    const model = createLiveCallsModel(background.client);
    const view = renderUi(<LiveCalls model={model} />);
    await flush();
    model.now.value = ANSWERED + 125_000;
    await flush();
    const row = view.container.querySelector('.yb-live-call')!;
    expect(row.querySelector('.yb-live-call__who')?.textContent).toBe(`佐藤 花子090-1111-2222${held}`);
    expect([...row.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual([line, '2:05', '山田 太郎']);
    expect([...row.querySelectorAll('.yb-segmented button')].map((b) => b.textContent)).toEqual(modes);
    await click(button(row as HTMLElement, modes[0]));
    expect(background.monitors).toEqual([`listen ${CALL_SID}`]);
    view.unmount();
  });

  it.each([
    ['ja', '前回のモニタリングの切断がまだ終わっていません。少し待ってからもう一度お試しください。'],
    ['en', 'You are still being disconnected from your previous monitoring of this call. Try again in a moment.'],
  ] as const)('in %s: says plainly that the last monitoring of the call is still being hung up', async (language, words) => {
    uiLanguage.value = language;
    const background = fakeControl(() => toLiveCallView(liveCall({ parties: [customer(), sato()] }), 'kanri'));
    background.refuse('still_leaving_call');
    const model = createLiveCallsModel(background.client);
    const view = renderUi(<LiveCalls model={model} />);
    await flush();
    await click(button(view.container.querySelector('.yb-live-call') as HTMLElement, language === 'ja' ? '聞く' : 'Listen'));
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe(words);
    view.unmount();
  });
});

describe('the call card on a CRM page', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));

  it('has the same call control, compact', async () => {
    const room = liveCall({ parties: [customer(), sato(), suzuki('add', 'talking')] });
    const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'in-call', call: call(), live: toLiveCallView(room, 'sato') });
    const phone = createPhoneModel(fake.client);
    const background = fakeControl(() => toLiveCallView(room, 'sato'));
    const control = createCallControlModel(background.client, phone, { country: () => 'JP' });
    const view = renderUi(<PageCallCard phone={phone} control={control} />);
    const card = view.container.querySelector('.yb-in-call--compact') as HTMLElement;
    expect([...card.querySelectorAll('.yb-in-call__controls button')].map((b) => b.textContent)).toEqual(['ミュート', 'キーパッド', '保留', '転送', '通話に追加', '退出', '通話終了']);
    await click(button(card, '保留'));
    expect(background.acts).toEqual([[CALL_SID, { kind: 'hold' }]]);
  });

  it('shows a supervisor’s monitoring but leaves its controls to the popup', () => {
    const room = liveCall({ parties: [customer(), sato(), kanri('whisper')] });
    const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'in-call', call: call({ invite: { purpose: 'monitor', byId: 'kanri', byName: '管理 美香', note: null } }), live: toLiveCallView(room, 'kanri') });
    const phone = createPhoneModel(fake.client);
    const control = createCallControlModel(fakeControl(() => toLiveCallView(room, 'kanri')).client, phone, { country: () => 'JP' });
    const view = renderUi(<PageCallCard phone={phone} control={control} />);
    expect(view.container.querySelector('.yb-monitoring')?.textContent).toContain('佐藤 花子さんの通話をモニタリング中');
    expect(view.container.querySelector('.yb-monitoring')?.textContent).toContain('担当者にだけ聞こえます。');
    expect(view.container.querySelector('.yb-segmented')).toBeNull();
  });
});

describe('every refusal the server gives', () => {
  it.each(CALL_CONTROL_ERRORS.flatMap((code) => [['ja', code], ['en', code]] as const))('reads in %s: %s', (language, code) => {
    uiLanguage.value = language;
    const text = describeControlError({ code });
    expect(text).not.toContain(code);
    expect(text).not.toBe(describeControlError({ code: 'something_else' }));
  });
});
