import { afterEach, describe, expect, it } from 'vitest';
import type { LiveCall } from '@/call-control/live-call';
import { toLiveCallView } from '@/call-control/live-call-view';
import { LiveCalls } from '@/components/call-control/live-calls';
import { uiLanguage } from '@/locales/i18n';
import type { CallControlClient, MonitorMode } from '@/models/call-control-client';
import { createLiveCallsModel } from '@/models/live-calls-model';
import { CALL_SID, customer, kanri, liveCall, sato, suzuki } from '../call-control/live-call-fixtures';
import { button, click, flush, renderUi } from './render';

/**
 * 管理 monitors 佐藤's call (A) and clicks a mode on 鈴木's (B): the server moves them (server/voice/
 * monitoring.ts). The list shows B as the call they monitor and A without them at once, although the
 * server lists them on A until Twilio has told it their leg left.
 */

const OTHER_SID = 'CA1234567890abcdef1234567890abcdef';

/** The server as the supervisor's list reaches it: it moves them, and hears their leg of A leave only when `reported()`. */
function movingServer() {
  const rooms = new Map<string, LiveCall>([
    [CALL_SID, liveCall({ parties: [customer(), sato(), kanri('listen')] })],
    [OTHER_SID, liveCall({ callSid: OTHER_SID, ownerId: 'suzuki', calledLabel: 'サポート直通', ivrPath: [], parties: [customer(), suzuki('answer', 'talking')] })],
  ]);
  const asked: string[] = [];
  let refusal: { code: string } | null = null;
  const without = (sid: string) => {
    const room = rooms.get(sid)!;
    rooms.set(sid, { ...room, parties: room.parties.filter((party) => party.userId !== 'kanri') });
  };
  const client: CallControlClient = {
    act: async () => {
      throw new Error('not for the list');
    },
    colleagues: async () => [],
    monitor: async (callSid: string, mode: MonitorMode) => {
      asked.push(`${mode} ${callSid}`);
      if (refusal) throw refusal;
      const room = rooms.get(callSid)!;
      rooms.set(callSid, { ...room, parties: [...room.parties.filter((party) => party.userId !== 'kanri'), kanri(mode)] });
      return toLiveCallView(rooms.get(callSid)!, 'kanri');
    },
    stopMonitor: async (callSid: string) => {
      asked.push(`stop ${callSid}`);
      return toLiveCallView(rooms.get(callSid)!, 'kanri');
    },
    liveCalls: async () => [...rooms.values()].map((room) => toLiveCallView(room, 'kanri')),
  };
  return { client, asked, reported: (sid: string) => without(sid), refuse: (code: string) => void (refusal = { code }) };
}

/** Each row as `rep: pressed mode, Stop?` */
function rows(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.yb-live-call')].map((row) => {
    const rep = row.querySelector('.yb-live-call__who strong')?.textContent;
    const pressed = row.querySelector('.yb-segmented button[aria-pressed="true"]')?.textContent ?? '-';
    const stop = [...row.querySelectorAll('button')].some((b) => b.textContent === 'モニタリングを終了' || b.textContent === 'Stop monitoring');
    return `${rep}: ${pressed}${stop ? ', stop' : ''}`;
  });
}

afterEach(() => (uiLanguage.value = 'ja'));

describe('a supervisor monitoring one call who clicks another', () => {
  it('shows the other call as the one they monitor, and the first without them, at once and after the server hears it', async () => {
    uiLanguage.value = 'ja';
    const server = movingServer();
    const model = createLiveCallsModel(server.client);
    const view = renderUi(<LiveCalls model={model} />);
    await flush();
    expect(rows(view.container)).toEqual(['佐藤 花子: 聞く, stop', '鈴木 一郎: -']);
    expect(view.container.querySelector('.yb-live-call .yb-muted')?.textContent).toBe('別の通話を選ぶと、この通話のモニタリングを終えてそちらに移ります。');

    const b = view.container.querySelectorAll('.yb-live-call')[1] as HTMLElement;
    await click(button(b, 'ささやく'));
    await flush();
    expect(server.asked).toEqual([`whisper ${OTHER_SID}`]);
    // The server still lists them on A (Twilio has not reported their leg leaving): the list does not.
    expect(rows(view.container)).toEqual(['佐藤 花子: -', '鈴木 一郎: ささやく, stop']);
    await model.load();
    await flush();
    expect(rows(view.container)).toEqual(['佐藤 花子: -', '鈴木 一郎: ささやく, stop']);

    server.reported(CALL_SID);
    await model.load();
    await flush();
    expect(rows(view.container)).toEqual(['佐藤 花子: -', '鈴木 一郎: ささやく, stop']);

    // And back again: one click.
    await click(button(view.container.querySelectorAll('.yb-live-call')[0] as HTMLElement, '聞く'));
    await flush();
    expect(rows(view.container)).toEqual(['佐藤 花子: 聞く, stop', '鈴木 一郎: -']);
    view.unmount();
  });

  it.each([
    ['ja', '聞く', 'モニタリングしていた通話を引き継いだため、いまはご自身がその通話の担当者です。その通話を終えるか転送してから、別の通話をモニタリングしてください。'],
    ['en', 'Listen', 'You took over the call you were monitoring, so you are its rep now. Finish or transfer it first, then monitor another call.'],
  ] as const)('in %s: a move the server refuses says why, and leaves them where they were', async (language, listen, text) => {
    uiLanguage.value = language;
    const server = movingServer();
    server.refuse('monitored_call_is_yours');
    const model = createLiveCallsModel(server.client);
    const view = renderUi(<LiveCalls model={model} />);
    await flush();
    await click(button(view.container.querySelectorAll('.yb-live-call')[1] as HTMLElement, listen));
    await flush();
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe(text);
    expect(rows(view.container)).toEqual([`佐藤 花子: ${listen}, stop`, '鈴木 一郎: -']);
    view.unmount();
  });

  it('shows a call they stopped monitoring without them at once', async () => {
    const server = movingServer();
    const model = createLiveCallsModel(server.client);
    const view = renderUi(<LiveCalls model={model} />);
    await flush();
    await click(button(view.container.querySelectorAll('.yb-live-call')[0] as HTMLElement, 'モニタリングを終了'));
    await flush();
    expect(server.asked).toEqual([`stop ${CALL_SID}`]);
    expect(rows(view.container)).toEqual(['佐藤 花子: -', '鈴木 一郎: -']);
    view.unmount();
  });
});
