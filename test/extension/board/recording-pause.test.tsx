import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RepCard } from '../../../contract/live-board';
import { BoardSection } from '@/components/options/board-section';
import { uiLanguage } from '@/locales/i18n';
import type { BoardApi } from '@/models/board-api';
import { flush, renderUi } from '../components/render';
import { board, REPORT, SATO_ON_CALL, sse } from './fixtures';

/** A board stream the test writes to as the server would: the snapshot first, then each event when it is sent. */
function liveBoard() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  let id = 1;
  const send = (event: string, data: unknown) => controller.enqueue(new TextEncoder().encode(sse([{ event, id: String(id++), data }])));
  const api: BoardApi = {
    analytics: async () => REPORT,
    getTimeZone: async () => 'Asia/Tokyo',
    getOrg: async () => ({ timeZone: 'Asia/Tokyo', country: 'JP' }),
    setTimeZone: async (zone) => zone,
    listenIn: async () => {},
    stream: {
      url: () => 'https://phone.example.jp/api/board/events',
      token: async () => 'tok',
      fetch: (async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } })) as unknown as typeof fetch,
    },
  };
  return { api, send };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
};

const paused = (at: string | null): RepCard => ({ ...SATO_ON_CALL, call: { ...SATO_ON_CALL.call!, recordingPausedAt: at } });

describe('the recording pause on a rep’s card', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T01:02:00.000Z') }));
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it.each([
    ['ja', '録音一時停止中（0:30 経過）'],
    ['en', 'Recording paused for 0:30'],
  ] as const)('%s: appears when the rep pauses, says for how long, and goes when they resume', async (language, text) => {
    uiLanguage.value = language;
    const { api, send } = liveBoard();
    const { container } = renderUi(<BoardSection api={api} />);
    send('snapshot', board());
    await settle();
    const recording = () => container.querySelector('[data-rep="sato"] .yb-rep-card__recording');
    expect(container.querySelector('[data-rep="sato"]')?.getAttribute('data-state')).toBe('on-call');
    expect(recording()).toBeNull();

    send('rep', paused('2026-11-24T01:01:30.000Z'));
    await settle();
    expect(recording()?.textContent).toBe(text);
    expect(recording()?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-24T01:01:30.000Z');

    send('rep', paused(null));
    await settle();
    expect(recording()).toBeNull();
  });
});
