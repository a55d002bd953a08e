import { afterEach, describe, expect, it } from 'vitest';
import { uiLanguage, type UiLanguage } from '@/locales/i18n';
import { PhonePanel } from '@/components/phone-panel';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { createPhoneModel, type Clock } from '@/models/phone-model';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { createMessagingPhoneClient, type BackgroundLink } from '@/models/messaging-phone-client';
import { signedOutState, type PublicState } from '@/messaging/public-state';
import type { CallInfo } from '@/phone/call-info';
import type { CallNetwork } from '@/phone/call-network';
import { PageCallCard } from '@/ui/page-call-card';
import { flush, renderUi } from './render';

const T0 = 1_000_000;
const CALLER: CallInfo = { callId: 'in-1', direction: 'incoming', number: '+81312345678', calledNumber: '+81501234567', calledLabel: '営業', ivrPath: [], callSid: 'CA1', record: null };

/** The background's state for a call answered at T0, with its network as published. */
const onCall = (network: CallNetwork | null, muted = false): PublicState => ({
  ...signedOutState,
  signedIn: true,
  online: true,
  status: 'ready',
  outgoingNumber: '+81501234567',
  calls: { current: { kind: 'in-call', call: CALLER, answeredAt: T0, muted }, waiting: null },
  network,
});
const wrappingUp = (network: CallNetwork | null): PublicState => ({
  ...onCall(null),
  calls: { current: { kind: 'wrap-up', call: CALLER, answeredAt: T0, endedAt: T0 + 60_000, outcome: 'completed' }, waiting: null },
  network,
});
const network = (over: Partial<CallNetwork> = {}): CallNetwork => ({ callId: 'in-1', reconnecting: false, warnings: [], dropped: false, ...over });

/** The popup's phone (or, `page`, the CRM page's call card) fed the background's states, on a clock the test moves. */
function setup(where: 'popup' | 'page', language: UiLanguage) {
  uiLanguage.value = language;
  let now = T0;
  const ticks = new Set<() => void>();
  const clock: Clock = { now: () => now, every: (_ms, tick) => (ticks.add(tick), () => ticks.delete(tick)) };
  let push: (state: PublicState) => void = () => undefined;
  const link: BackgroundLink = {
    // Every state comes as a push here: the first read never answers.
    send: (() => new Promise(() => undefined)) as BackgroundLink['send'],
    onStateChanged: (listener) => ((push = listener), () => undefined),
  };
  const phone = createPhoneModel(createMessagingPhoneClient(link, () => 'JP'), clock);
  const models = { phone, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) };
  const view = renderUi(where === 'popup' ? <PhonePanel models={models} /> : <PageCallCard phone={phone} guardSight={false} />);
  return {
    view,
    async publish(state: PublicState) {
      push(state);
      await flush();
    },
    async advance(ms: number) {
      now += ms;
      ticks.forEach((tick) => tick());
      await flush();
    },
    alert: () => view.container.querySelector('[role="alert"]')?.textContent ?? null,
    statuses: () => [...view.container.querySelectorAll('[role="status"]')].map((node) => node.textContent),
    timer: () => view.container.querySelector('[role="timer"]')?.textContent,
  };
}

const WORDS = {
  ja: {
    reconnecting: '通信が途切れました。再接続しています…',
    delay: '通話品質が低下しています：ネットワークの遅延',
    micSilent: '通話品質が低下しています：マイクの音声が送られていません。マイクの接続とミュートを確認してください。',
    dropped: '通信が途切れたため、通話が切断されました（相手が切ったのではありません）。',
  },
  en: {
    reconnecting: 'Connection lost. Reconnecting…',
    delay: 'Poor call quality: network delay',
    micSilent: 'Poor call quality: your microphone sends no sound. Check that it is plugged in and not muted.',
    dropped: 'The network dropped this call: the other party did not hang up.',
  },
} as const;

afterEach(() => (document.body.innerHTML = ''));

describe.each(['ja', 'en'] as const)('the call card tells of the network (%s)', (language) => {
  const words = WORDS[language];

  it.each(['popup', 'page'] as const)('%s: a lost connection is an alert while the timer runs on, gone once reconnected', async (where) => {
    const ui = setup(where, language);
    await ui.publish(onCall(network({ reconnecting: true })));
    expect(ui.alert()).toBe(words.reconnecting);
    await ui.advance(65_000);
    expect(ui.timer()).toBe('1:05');
    expect(ui.alert()).toBe(words.reconnecting);
    await ui.publish(onCall(network()));
    expect(ui.alert()).toBeNull();
  });

  it.each(['popup', 'page'] as const)('%s: a quality warning shows quietly after its hold, and goes when cleared', async (where) => {
    const ui = setup(where, language);
    await ui.publish(onCall(network({ warnings: [{ name: 'high-rtt', since: T0 }] })));
    expect(ui.statuses()).not.toContain(words.delay);
    await ui.advance(1_000);
    expect(ui.statuses()).not.toContain(words.delay);
    await ui.advance(1_000);
    expect(ui.statuses()).toContain(words.delay);
    expect(ui.alert()).toBeNull();
    await ui.publish(onCall(network()));
    expect(ui.statuses()).not.toContain(words.delay);
  });

  it('a silent microphone says to check it, unless the rep muted the call', async () => {
    const ui = setup('popup', language);
    const silent = network({ warnings: [{ name: 'constant-audio-input-level', since: T0 }] });
    await ui.publish(onCall(silent));
    await ui.advance(2_000);
    expect(ui.statuses()).toContain(words.micSilent);
    await ui.publish(onCall(silent, true));
    expect(ui.statuses()).not.toContain(words.micSilent);
  });

  it('a call the network dropped says so in its wrap-up; one hung up normally says nothing of the network', async () => {
    const ui = setup('popup', language);
    await ui.publish(wrappingUp(network({ dropped: true })));
    expect(ui.statuses()).toContain(words.dropped);
    await ui.publish(wrappingUp(null));
    expect(ui.statuses()).not.toContain(words.dropped);
  });
});
