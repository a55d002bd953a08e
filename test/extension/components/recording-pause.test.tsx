import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toLiveCallView, type LiveCallView } from '@/call-control/live-call-view';
import type { LiveCall } from '@/call-control/live-call';
import { LiveCalls } from '@/components/call-control/live-calls';
import { PhonePanel } from '@/components/phone-panel';
import { createLiveCallsModel } from '@/models/live-calls-model';
import { PageCallCard } from '@/ui/page-call-card';
import { uiLanguage } from '@/locales/i18n';
import type { CallControlClient, RepAction } from '@/models/call-control-client';
import { createCallControlModel, RECORDING_PAUSE_WARN_MS } from '@/models/call-control-model';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { createPhoneModel, type Clock } from '@/models/phone-model';
import type { CallView } from '@/models/phone-state';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { CALL_SID, customer, kanri, liveCall, sato, suzuki } from '../call-control/live-call-fixtures';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { button, click, flush, renderUi } from './render';

// Pausing the recording while the customer reads out a card number (PCI): the button, the state every
// party of the call sees (the server's), the reminder, and the refusals (server/voice/recording-pause.ts).

const ANSWERED = Date.parse('2026-11-24T00:00:05.000Z');
const NOW = ANSWERED + 60_000;
const RECORDING: LiveCall['recording'] = { state: 'on' };
const pausedBy = (by: string, since = NOW): LiveCall['recording'] => ({ state: 'paused', since: new Date(since).toISOString(), by });

const call = (overrides: Partial<CallView> = {}): CallView => ({
  callId: 'in-1', sid: CALL_SID, direction: 'inbound', number: '+819011112222', muted: false, answeredAt: ANSWERED, calledLabel: '営業直通', ivrPath: [], ...overrides,
});

/**
 * The background as the card reaches it. Each request waits until the test answers it (the server's
 * reply: the call as it stands), or refuses it with a contract code.
 */
function fakeBackground(room: () => LiveCall, me: string) {
  const acts: RepAction[] = [];
  let pending: { resolve: (view: LiveCallView) => void; reject: (error: unknown) => void } | null = null;
  const client: CallControlClient = {
    act: (_callSid, action) => {
      acts.push(action);
      return new Promise((resolve, reject) => (pending = { resolve, reject }));
    },
    colleagues: async () => [],
    monitor: async () => toLiveCallView(room(), me),
    stopMonitor: async () => toLiveCallView(room(), me),
    liveCalls: async () => [toLiveCallView(room(), me)],
  };
  return {
    client,
    acts,
    answer: async (next: LiveCall) => (pending?.resolve(toLiveCallView(next, me)), (pending = null), flush()),
    refuse: async (code: string) => (pending?.reject({ code }), (pending = null), flush()),
  };
}

function setup(initial: LiveCall, me = 'sato', callOverrides: Partial<CallView> = {}) {
  let room = initial;
  const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'in-call', call: call(callOverrides), live: toLiveCallView(room, me) });
  let now = NOW;
  const ticks = new Set<() => void>();
  const clock: Clock = { now: () => now, every: (_ms, tick) => (ticks.add(tick), () => ticks.delete(tick)) };
  const phone = createPhoneModel(fake.client, clock);
  const background = fakeBackground(() => room, me);
  const control = createCallControlModel(background.client, phone, { country: () => 'JP', format: formatAsYouType });
  const models = { phone, control, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) };
  const view = renderUi(<PhonePanel models={models} />);
  return {
    ...background,
    /** The server answers the request; the background publishes the call as it now stands (room-control.ts). */
    answer: async (next: LiveCall) => {
      room = next;
      fake.emit({ live: toLiveCallView(next, me) });
      await background.answer(next);
    },
    view,
    panel: () => view.container.querySelector('.yb-in-call') as HTMLElement,
    /** The room as the next poll of the background brings it (another party paused, say). */
    roomIs: async (next: LiveCall) => {
      room = next;
      fake.emit({ live: toLiveCallView(next, me) });
      await flush();
    },
    advance: async (ms: number) => {
      now += ms;
      ticks.forEach((tick) => tick());
      await flush();
    },
  };
}

const status = (root: HTMLElement) => root.querySelector('.yb-recording-paused')?.textContent ?? null;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('pausing the recording from the call card', () => {
  beforeEach(() => (uiLanguage.value = 'en'));

  it('pauses on one click (a second click sends nothing), says it is paused and for how long, and resumes', async () => {
    const t = setup(liveCall({ recording: RECORDING }));
    const pause = button(t.panel(), 'Pause recording');
    await click(pause);
    await click(pause);
    expect(t.acts).toEqual([{ kind: 'pause-recording' }]);
    expect(button(t.panel(), 'Pausing the recording…').disabled).toBe(true);
    expect(status(t.panel())).toBeNull();

    await t.answer(liveCall({ recording: pausedBy('sato') }));
    expect(status(t.panel())).toBe('Recording paused 0:00 paused by you');
    await t.advance(42_000);
    expect(t.panel().querySelector('[aria-label="Time the recording has been paused"]')?.textContent).toBe('0:42');
    const resume = button(t.panel(), 'Resume recording');
    expect(resume.getAttribute('aria-pressed')).toBe('true');

    await click(resume);
    expect(t.acts.at(-1)).toEqual({ kind: 'resume-recording' });
    expect(button(t.panel(), 'Resuming the recording…').disabled).toBe(true);
    await t.answer(liveCall({ recording: RECORDING }));
    expect(status(t.panel())).toBeNull();
    expect(button(t.panel(), 'Pause recording').disabled).toBe(false);
  });

  it.each([
    ['en', 'Pause recording', 'While the customer gives a card number or other personal data: nothing is recorded until you resume.'],
    ['ja', '録音を一時停止', 'カード番号などの個人情報をお聞きする間にお使いください。再開するまで、通話は録音されません。'],
  ] as const)('says what the button is for, in whole sentences (%s)', (language, label, help) => {
    uiLanguage.value = language;
    const t = setup(liveCall({ recording: RECORDING }));
    expect(button(t.panel(), label).title).toBe(help);
  });

  it('shows no button on a call that is not recorded', () => {
    const t = setup(liveCall({ recording: null }));
    expect(() => button(t.panel(), 'Pause recording')).toThrow();
    expect(t.panel().querySelector('.yb-button--recording')).toBeNull();
  });

  it('on a call that never moved into its room (a plain bridge): only the pause, which works as in a room', async () => {
    uiLanguage.value = 'ja';
    const plain = (recording: LiveCall['recording']) => liveCall({ state: 'not-in-room', recording, parties: [customer(), sato()] });
    const t = setup(plain(RECORDING));
    const labels = [...t.panel().querySelectorAll('button')].map((element) => element.textContent);
    expect(labels).toContain('録音を一時停止');
    expect(labels).not.toContain('保留');
    expect(labels).not.toContain('転送');
    await click(button(t.panel(), '録音を一時停止'));
    expect(t.acts).toEqual([{ kind: 'pause-recording' }]);
    await t.answer(plain(pausedBy('sato')));
    expect(status(t.panel())).toBe('録音一時停止中 0:00 あなたが一時停止');
    expect(button(t.panel(), '録音を再開').disabled).toBe(false);
  });

  it.each([
    ['ja', '保留・転送・追加はまだ使えません。使えるようになると、ここにボタンが表示されます。', '保留・転送・追加は、録音を再開すると使えるようになります。', '保留'],
    ['en', 'Hold, transfer and add are not available yet: their buttons appear here once they are.', 'Hold, transfer and add become available once you resume the recording.', 'Hold'],
  ] as const)('in %s: on a plain bridge, says why hold, transfer and add are not there, and they are once the call is in its room', async (language, waiting, resumeFirst, hold) => {
    uiLanguage.value = language;
    const plain = (recording: LiveCall['recording']) => liveCall({ state: 'not-in-room', recording, parties: [customer(), sato()] });
    const note = () => t.panel().querySelector('.yb-call-control__not-in-room')?.textContent ?? null;
    const t = setup(plain(RECORDING));
    expect(note()).toBe(waiting);
    await t.roomIs(plain(pausedBy('sato')));
    expect(note()).toBe(resumeFirst);
    await t.roomIs(liveCall({ recording: RECORDING, parties: [customer(), sato()] }));
    expect(note()).toBeNull();
    expect(button(t.panel(), hold).disabled).toBe(false);
  });

  it('shows the pause a colleague made in a 3-way, with their name, and lets this rep resume it', async () => {
    uiLanguage.value = 'ja';
    const t = setup(liveCall({ recording: RECORDING, parties: [customer(), sato(), suzuki('add', 'talking')] }), 'suzuki');
    expect(button(t.panel(), '録音を一時停止')).toBeTruthy();
    await t.roomIs(liveCall({ recording: pausedBy('sato'), parties: [customer(), sato(), suzuki('add', 'talking')] }));
    expect(status(t.panel())).toBe('録音一時停止中 0:00 佐藤 花子さんが一時停止');
    await click(button(t.panel(), '録音を再開'));
    expect(t.acts).toEqual([{ kind: 'resume-recording' }]);
  });

  it('reminds them to resume after three minutes, and never resumes by itself', async () => {
    const t = setup(liveCall({ recording: pausedBy('sato') }));
    await t.advance(RECORDING_PAUSE_WARN_MS - 1_000);
    expect(t.panel().querySelector('.yb-alert--warning')).toBeNull();
    await t.advance(1_000);
    expect(t.panel().querySelector('.yb-alert--warning')?.textContent).toBe('The recording has been paused for over 3 minutes. Resume it once the card details are done.');
    uiLanguage.value = 'ja';
    await flush();
    expect(t.panel().querySelector('.yb-alert--warning')?.textContent).toBe('録音の一時停止が 3分を超えています。カード番号などをお聞きし終えたら、録音を再開してください。');
    expect(t.acts).toEqual([]);
  });

  it.each([
    ['en', 'recording_not_active', 'The call’s recording has not started yet, or has stopped. Try again in a moment.', 'Pause recording'],
    ['ja', 'recording_not_active', '通話の録音がまだ始まっていないか、止まっています。少し待ってからもう一度お試しください。', '録音を一時停止'],
    ['en', 'call_ended', 'The call ended before this could be done.', 'Pause recording'],
    ['ja', 'call_ended', '操作の前に通話が終了しました。', '録音を一時停止'],
  ] as const)('a refusal (%s, %s) is said clearly and the button stays as it was', async (language, code, message, label) => {
    uiLanguage.value = language;
    const t = setup(liveCall({ recording: RECORDING }));
    await click(button(t.panel(), label));
    await t.refuse(code);
    expect(t.panel().querySelector('[role="alert"]')?.textContent).toBe(message);
    expect(button(t.panel(), label).disabled).toBe(false);
    expect(status(t.panel())).toBeNull();
  });
});

describe('a supervisor monitoring the call', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  const monitorInvite = { invite: { purpose: 'monitor' as const, byId: 'kanri', byName: '管理 美香', note: null } };

  it('sees the pause and may pause or resume from the popup', async () => {
    const t = setup(liveCall({ recording: pausedBy('sato'), parties: [customer(), sato(), kanri('listen')] }), 'kanri', monitorInvite);
    const monitoring = t.view.container.querySelector('.yb-monitoring') as HTMLElement;
    expect(status(monitoring)).toBe('録音一時停止中 0:00 佐藤 花子さんが一時停止');
    await click(button(monitoring, '録音を再開'));
    expect(t.acts).toEqual([{ kind: 'resume-recording' }]);
  });

  it('on a CRM page: the pause is shown there too', () => {
    const room = liveCall({ recording: pausedBy('sato'), parties: [customer(), sato(), kanri('whisper')] });
    const fake = createFakePhoneClient({ status: 'ready', available: true, phase: 'in-call', call: call(monitorInvite), live: toLiveCallView(room, 'kanri') });
    const phone = createPhoneModel(fake.client);
    const control = createCallControlModel(fakeBackground(() => room, 'kanri').client, phone, { country: () => 'JP' });
    const view = renderUi(<PageCallCard phone={phone} control={control} />);
    expect(view.container.querySelector('.yb-monitoring .yb-tag--recording-paused')?.textContent).toBe('録音一時停止中');
  });
});

describe('the supervisor’s live calls', () => {
  it.each([
    ['en', 'Recording paused'],
    ['ja', '録音一時停止中'],
  ] as const)('in %s: a call whose recording is paused says so', async (language, text) => {
    uiLanguage.value = language;
    const calls = [liveCall({ recording: pausedBy('sato') }), liveCall({ callSid: `CA${'1'.repeat(32)}`, recording: RECORDING })];
    const model = createLiveCallsModel({ ...fakeBackground(() => calls[0]!, 'kanri').client, liveCalls: async () => calls.map((room) => toLiveCallView(room, 'kanri')) });
    const view = renderUi(<LiveCalls model={model} />);
    await flush();
    const tags = [...view.container.querySelectorAll('.yb-live-call')].map((row) => row.querySelector('.yb-tag--recording-paused')?.textContent ?? null);
    expect(tags).toEqual([text, null]);
    view.unmount();
  });
});
