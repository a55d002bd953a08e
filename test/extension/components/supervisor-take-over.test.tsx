import { afterEach, describe, expect, it } from 'vitest';
import { toLiveCallView, type LiveCallView } from '@/call-control/live-call-view';
import type { LiveCall } from '@/call-control/live-call';
import { LiveCalls } from '@/components/call-control/live-calls';
import { PhonePanel } from '@/components/phone-panel';
import { uiLanguage } from '@/locales/i18n';
import type { CallControlClient, RepAction } from '@/models/call-control-client';
import { createCallControlModel } from '@/models/call-control-model';
import { createDialerModel } from '@/models/dialer-model';
import { createLiveCallsModel } from '@/models/live-calls-model';
import { formatAsYouType } from '@/models/phone-number-format';
import { createPhoneModel, type Clock } from '@/models/phone-model';
import type { CallView } from '@/models/phone-state';
import { createWrapUpModel } from '@/models/wrap-up-model';
import { CALL_SID, customer, kanri, kanriTookOver, liveCall, sato } from '../call-control/live-call-fixtures';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { button, click, flush, renderUi } from './render';

/**
 * 管理 (a supervisor) barges into 佐藤's call and 佐藤 leaves: the popup's monitoring card becomes the
 * call card a rep has (hold, transfer, add), saying the call is theirs now; their list of live calls
 * shows it as theirs, with nothing to monitor.
 */

const ANSWERED = Date.parse('2026-11-24T00:00:05.000Z');
const clock: Clock = { now: () => ANSWERED + 60_000, every: () => () => undefined };
const monitorLeg: Partial<CallView> = { invite: { purpose: 'monitor', byId: 'kanri', byName: '管理 美香', note: null } };
const barging = liveCall({ parties: [customer(), sato(), kanri('barge')] });
const tookOver = liveCall({ ownerId: 'kanri', parties: [customer(), kanriTookOver()] });

function background(answer: () => LiveCallView) {
  const acts: RepAction[] = [];
  const client: CallControlClient = {
    act: async (_callSid, action) => (acts.push(action), answer()),
    colleagues: async () => [],
    monitor: async () => answer(),
    stopMonitor: async () => answer(),
    liveCalls: async () => [answer()],
  };
  return { client, acts };
}

function supervisorsPopup(room: LiveCall) {
  let current = toLiveCallView(room, 'kanri');
  const fake = createFakePhoneClient({
    status: 'ready',
    available: true,
    phase: 'in-call',
    call: { callId: 'in-1', sid: CALL_SID, direction: 'inbound', number: '+819011112222', muted: false, answeredAt: ANSWERED, ...monitorLeg },
    live: current,
  });
  const phone = createPhoneModel(fake.client, clock);
  const server = background(() => current);
  const control = createCallControlModel(server.client, phone, { country: () => 'JP', format: formatAsYouType });
  const models = { phone, control, dialer: createDialerModel(() => 'JP', formatAsYouType), wrapUp: createWrapUpModel({ updateCall: async () => ({}) as never }) };
  const view = renderUi(<PhonePanel models={models} />);
  return {
    ...server,
    panel: () => view.container.querySelector('.yb-in-call') as HTMLElement,
    /** The room changes (the background's next poll). */
    async roomIs(next: LiveCall) {
      current = toLiveCallView(next, 'kanri');
      fake.emit({ live: current });
      await flush();
    },
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a barging supervisor whom the rep leaves with the customer', () => {
  it.each([
    ['en', 'If the rep leaves, the call becomes yours.', 'The rep left: this call is yours now.', ['Hold', 'Transfer', 'Add to call']],
    ['ja', '担当者が退出すると、この通話はあなたの担当になります。', '担当者が退出したため、この通話はあなたの担当になりました。', ['保留', '転送', '通話に追加']],
  ] as const)('in %s: the monitoring card becomes a rep’s call card, and Hold acts on the call', async (language, bargeHelp, yours, controls) => {
    uiLanguage.value = language;
    const popup = supervisorsPopup(barging);
    expect(popup.panel().querySelector('.yb-monitoring')?.textContent).toContain(bargeHelp);
    expect(() => button(popup.panel(), controls[0])).toThrow();

    await popup.roomIs(tookOver);
    expect(popup.panel().querySelector('.yb-monitoring')).toBeNull();
    expect(popup.panel().querySelector('.yb-call-control [role="status"]')?.textContent).toBe(yours);
    // The monitoring invite's headline ("a call to monitor") is not left above a call that is theirs now.
    expect(popup.panel().querySelector('.yb-invite')).toBeNull();
    for (const label of controls) expect(button(popup.panel(), label).disabled).toBe(false);
    await click(button(popup.panel(), controls[0]));
    expect(popup.acts).toEqual([{ kind: 'hold' }]);
  });

  it('a supervisor only listening keeps the monitoring card (the call was never theirs)', async () => {
    uiLanguage.value = 'en';
    const popup = supervisorsPopup(liveCall({ parties: [customer(), sato(), kanri('listen')] }));
    await popup.roomIs(liveCall({ parties: [customer(), sato(), kanri('listen')] }));
    expect(popup.panel().querySelector('.yb-monitoring')).not.toBeNull();
    expect(() => button(popup.panel(), 'Hold')).toThrow();
  });
});

describe('the supervisor’s live calls', () => {
  it.each([
    ['en', 'Your call', 'Listen'],
    ['ja', 'あなたの通話', '聞く'],
  ] as const)('in %s: a call they took over is shown as theirs, with nothing to monitor', async (language, tag, listen) => {
    uiLanguage.value = language;
    const model = createLiveCallsModel(background(() => toLiveCallView(tookOver, 'kanri')).client);
    const view = renderUi(<LiveCalls model={model} />);
    await flush();
    const row = view.container.querySelector('.yb-live-call') as HTMLElement;
    expect(row.querySelector('.yb-live-call__who')?.textContent).toBe(`管理 美香090-1111-2222${tag}`);
    expect(() => button(row, listen)).toThrow();
    view.unmount();

    // Another's call still offers monitoring.
    const others = createLiveCallsModel(background(() => toLiveCallView(barging, 'kanri')).client);
    const list = renderUi(<LiveCalls model={others} />);
    await flush();
    expect(button(list.container.querySelector('.yb-live-call') as HTMLElement, listen)).toBeTruthy();
    list.unmount();
  });
});
