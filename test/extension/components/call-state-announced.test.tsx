import { afterEach, describe, expect, it } from 'vitest';
import { toLiveCallView } from '@/call-control/live-call-view';
import type { LiveCall } from '@/call-control/live-call';
import { InCallPanel } from '@/components/in-call-panel';
import { PhonePanel } from '@/components/phone-panel';
import { uiLanguage } from '@/locales/i18n';
import type { CallControlClient } from '@/models/call-control-client';
import { createCallControlModel } from '@/models/call-control-model';
import { createDialerModel } from '@/models/dialer-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { createPhoneModel } from '@/models/phone-model';
import type { CallPhase, CallView } from '@/models/phone-state';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { CALL_SID, customer, liveCall, sato } from '../call-control/live-call-fixtures';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { flush, renderUi } from './render';

// A rep who cannot see the card hears the call move on: its live regions (role="status") hold the
// call's phase and whether the caller is on hold, and are on the card before either changes, so the
// change itself is read out.

const OUTGOING: CallView = { callId: 'out-1', sid: 'CA1', direction: 'outbound', number: '+81120123456', muted: false, answeredAt: null };

afterEach(() => {
  document.body.innerHTML = '';
});

const statuses = (root: ParentNode) => [...root.querySelectorAll('.yb-in-call [role="status"]')].map((element) => element.textContent);

describe('the call card’s live regions', () => {
  it.each([
    ['ja', ['発信中…', '呼び出し中…', '通話中']],
    ['en', ['Calling…', 'Ringing…', 'On a call']],
  ] as const)('in %s: the phase, dialling → ringing → connected, in one live region', (language, said) => {
    uiLanguage.value = language;
    const panel = (phase: CallPhase) => (
      <InCallPanel call={OUTGOING} phase={phase} elapsed="0:00" onToggleMute={() => {}} onDigits={() => {}} onHangUp={() => {}} />
    );
    const view = renderUi(panel('dialing'));
    const region = view.container.querySelector('.yb-in-call [role="status"]');
    expect(region?.textContent).toBe(said[0]);
    view.rerender(panel('ringing-out'));
    view.rerender(panel('in-call'));
    // The same element all along: a live region that is replaced is not read out.
    expect(view.container.querySelector('.yb-in-call [role="status"]')).toBe(region);
    expect(region?.textContent).toBe(said[2]);
  });

  it.each([
    ['ja', '保留中'],
    ['en', 'On hold'],
  ] as const)('in %s: the caller put on hold, and back', async (language, held) => {
    uiLanguage.value = language;
    let room: LiveCall = liveCall();
    const fake = createFakePhoneClient({
      status: 'ready', available: true, phase: 'in-call',
      call: { callId: 'in-1', sid: CALL_SID, direction: 'inbound', number: '+819011112222', muted: false, answeredAt: Date.now() },
      live: toLiveCallView(room, 'sato'),
    });
    const phone = createPhoneModel(fake.client);
    const client: CallControlClient = {
      act: async () => toLiveCallView(room, 'sato'),
      colleagues: async () => [],
      monitor: async () => toLiveCallView(room, 'sato'),
      stopMonitor: async () => toLiveCallView(room, 'sato'),
      liveCalls: async () => [],
    };
    const control = createCallControlModel(client, phone, { country: () => 'JP', format: formatAsYouType });
    const models = { phone, control, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) };
    const view = renderUi(<PhonePanel models={models} />);
    const roomIs = async (next: LiveCall) => {
      room = next;
      fake.emit({ live: toLiveCallView(room, 'sato') });
      await flush();
    };
    await flush();
    expect(statuses(view.container)).toEqual([language === 'ja' ? '通話中' : 'On a call', '']);

    await roomIs(liveCall({ hold: { since: new Date().toISOString() }, parties: [customer('held'), sato()] }));
    expect(statuses(view.container)).toEqual([language === 'ja' ? '通話中' : 'On a call', held]);
    await roomIs(liveCall());
    expect(statuses(view.container)).toEqual([language === 'ja' ? '通話中' : 'On a call', '']);
  });
});
