import { afterEach, describe, expect, it } from 'vitest';
import type { LiveCall } from '@/call-control/live-call';
import { toLiveCallView } from '@/call-control/live-call-view';
import { LiveCalls } from '@/components/call-control/live-calls';
import { uiLanguage } from '@/locales/i18n';
import type { CallControlClient } from '@/models/call-control-client';
import { createLiveCallsModel } from '@/models/live-calls-model';
import { createPhoneModel } from '@/models/phone-model';
import type { CallView } from '@/models/phone-state';
import { CALL_SID, customer, kanri, kanriTookOver, liveCall, sato } from '../call-control/live-call-fixtures';
import { createFakePhoneClient } from '../models/fake-phone-client';
import { flush, renderUi } from './render';

/**
 * 管理 (a supervisor) barges into 佐藤's call from the list of live calls; their phone then leaves it
 * (the call ended, or they hung up) and answers another call. The list follows their phone at once,
 * not at its next refresh (every 3 s), and offers nothing on the call the phone has just left.
 */

const NEXT_SID = 'CA1234567890abcdef1234567890abcdef';
const ANSWERED = Date.parse('2026-11-24T00:00:05.000Z');
const monitoring: CallView = {
  callId: 'monitor-1',
  sid: CALL_SID,
  direction: 'inbound',
  number: '+819011112222',
  muted: false,
  answeredAt: ANSWERED,
  invite: { purpose: 'monitor', byId: 'kanri', byName: '管理 美香', note: null },
};
const nextCall: CallView = { callId: 'in-2', sid: NEXT_SID, direction: 'inbound', number: '+81355551234', muted: false, answeredAt: ANSWERED + 90_000 };

/** The server as the list reaches it; `hold()` keeps the next answers back until `release()`. */
function server(initial: LiveCall[]) {
  let rooms = initial;
  let held: (() => void)[] | null = null;
  const client: CallControlClient = {
    act: async () => {
      throw new Error('not for the list');
    },
    colleagues: async () => [],
    monitor: async () => {
      throw new Error('not in this story');
    },
    stopMonitor: async () => {
      throw new Error('not in this story');
    },
    liveCalls: async () => {
      if (held) await new Promise<void>((resolve) => held!.push(resolve));
      return rooms.map((room) => toLiveCallView(room, 'kanri'));
    },
  };
  return {
    client,
    roomsAre: (next: LiveCall[]) => void (rooms = next),
    hold: () => void (held = []),
    release: () => {
      const waiting = held ?? [];
      held = null;
      waiting.forEach((resolve) => resolve());
    },
  };
}

function supervisorsList(rooms: LiveCall[]) {
  const backend = server(rooms);
  const phone = createFakePhoneClient({ status: 'ready', available: true, phase: 'in-call', call: monitoring });
  const model = createLiveCallsModel(backend.client, createPhoneModel(phone.client));
  const view = renderUi(<LiveCalls model={model} />);
  return { backend, phone, view };
}

/** Each row as `rep: pressed mode, Stop?, (modes disabled)?` */
function rows(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.yb-live-call')].map((row) => {
    const rep = row.querySelector('.yb-live-call__who strong')?.textContent;
    const modes = [...row.querySelectorAll<HTMLButtonElement>('.yb-segmented button')];
    const pressed = modes.find((mode) => mode.getAttribute('aria-pressed') === 'true')?.textContent ?? '-';
    const stop = [...row.querySelectorAll('button')].some((b) => b.textContent === 'モニタリングを終了' || b.textContent === 'Stop monitoring');
    const offered = modes.length === 0 ? 'nothing to monitor' : modes.every((mode) => mode.disabled) ? 'disabled' : 'offered';
    return `${rep}: ${pressed}${stop ? ', stop' : ''} (${offered})`;
  });
}

afterEach(() => {
  uiLanguage.value = 'ja';
  document.body.innerHTML = '';
});

describe('the supervisor’s list of live calls follows their own phone', () => {
  it('drops the call that ended at once when the supervisor answers the next one', async () => {
    uiLanguage.value = 'ja';
    const list = supervisorsList([liveCall({ parties: [customer(), sato(), kanri('barge')] })]);
    await flush();
    expect(rows(list.view.container)).toEqual(['佐藤 花子: 参加する, stop (offered)']);

    // 佐藤 and the customer hang up, the room ends with 管理's leg; a caller rings 管理's line and they answer.
    list.backend.roomsAre([liveCall({ callSid: NEXT_SID, ownerId: 'kanri', calledLabel: '管理直通', ivrPath: [], parties: [customer(), kanriTookOver()] })]);
    list.phone.emit({ phase: 'idle', call: null });
    list.phone.emit({ phase: 'incoming', call: nextCall });
    list.phone.emit({ phase: 'in-call', call: nextCall });
    await flush();
    // Theirs, as its rep: nothing to monitor on it, and no sign of the ended call.
    expect(rows(list.view.container)).toEqual(['管理 美香: - (nothing to monitor)']);
    list.view.unmount();
  });

  it('offers nothing on the call the phone has just left until the list asked since comes, then never shows them on it', async () => {
    uiLanguage.value = 'en';
    const barging = liveCall({ parties: [customer(), sato(), kanri('barge')] });
    const list = supervisorsList([barging]);
    await flush();
    expect(rows(list.view.container)).toEqual(['佐藤 花子: Barge in, stop (offered)']);

    // They hang up their leg on the phone; the server has not heard from Twilio yet, and answers late.
    list.backend.hold();
    list.phone.emit({ phase: 'idle', call: null });
    await flush();
    expect(rows(list.view.container)).toEqual(['佐藤 花子: - (disabled)']);

    list.backend.release();
    await flush();
    // The call goes on without them (the server still lists them on it for a moment): they may monitor it again.
    expect(rows(list.view.container)).toEqual(['佐藤 花子: - (offered)']);
    list.view.unmount();
  });
});
