import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { BoardSection } from '@/components/options/board-section';
import { AnalyticsSection } from '@/components/options/analytics-section';
import { ApiError } from '@/models/api-error';
import type { BoardApi } from '@/models/board-api';
import { button, click, flush, renderUi } from '../components/render';
import { board, REPORT, sse } from './fixtures';

function fakeApi(overrides: Partial<BoardApi> = {}, stream = sse([{ event: 'snapshot', id: '1', data: board() }])): BoardApi & { listened: string[] } {
  const listened: string[] = [];
  return {
    listened,
    analytics: async () => REPORT,
    getTimeZone: async () => 'Asia/Tokyo',
    getOrg: async () => ({ timeZone: 'Asia/Tokyo', country: 'JP' }),
    setTimeZone: async (zone) => zone,
    listenIn: async (callSid) => void listened.push(callSid),
    stream: {
      url: () => 'https://phone.example.jp/api/board/events',
      token: async () => 'tok',
      // The connection stays open after its first events, as the server's does.
      fetch: (async () => new Response(openStream(stream), { headers: { 'content-type': 'text/event-stream' } })) as unknown as typeof fetch,
    },
    ...overrides,
  };
}

function openStream(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode(text)) });
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
};

describe('the live board section', () => {
  beforeEach(() => {
    uiLanguage.value = 'ja';
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T01:02:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('shows each rep’s state, the call and the IVR branch, a timer, today’s counts, and who is waiting', async () => {
    const { container } = renderUi(<BoardSection api={fakeApi()} />);
    await settle();
    const sato = container.querySelector('[data-rep="sato"]')!;
    expect(sato.getAttribute('data-state')).toBe('on-call');
    expect(sato.textContent).toContain('通話中');
    expect(sato.textContent).toContain('山田商事 山田様');
    expect(sato.textContent).toContain('090-1111-2222');
    expect(sato.textContent).toContain('サポート › 製品について');
    expect(sato.textContent).toContain('1:45 経過');
    expect(sato.textContent).toContain('本日：応答 3件・不在 1件・通話 10分10秒');
    expect(container.querySelector('[data-group="inMenu"]')?.textContent).toContain('090-3333-4444');
    expect(container.querySelector('[data-group="inLine"]')).toBeNull();
    expect(container.textContent).toContain('通話中 1人・呼び出し中 0人・待機中 1人・後処理中 0人');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('リアルタイム更新中');
    // No call control on this server: no listen-in button.
    expect(container.querySelectorAll('[data-rep] button')).toHaveLength(0);
  });

  it('lets a supervisor listen in when the server can, and says in Japanese why it could not', async () => {
    const monitorable = sse([{ event: 'snapshot', id: '1', data: board({ meta: { ...board().meta, monitor: true } }) }]);
    const api = fakeApi({}, monitorable);
    const { container } = renderUi(<BoardSection api={api} />);
    await settle();
    await click(button(container, '佐藤 花子さんの通話をモニタリング'));
    expect(api.listened).toEqual(['CA0f1e2d3c4b5a69788796a5b4c3d2e1f0']);
    expect(container.textContent).toContain('モニタリングのため、あなたの電話が通話に参加します。');

    const offline = fakeApi({ listenIn: async () => { throw new ApiError(409, 'go_online_to_monitor', 'Go online first.'); } }, monitorable);
    document.body.innerHTML = '';
    const second = renderUi(<BoardSection api={offline} />);
    await settle();
    await click(button(second.container, '佐藤 花子さんの通話をモニタリング'));
    expect(second.container.querySelector('[role="alert"]')?.textContent).toBe('モニタリングするには、オンラインにして、ご自分の通話を終えてください。');
  });
});

describe('the analytics section', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => {
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('shows the key figures, loads the charts, and switches a chart to its table', async () => {
    const asked: unknown[] = [];
    const { container } = renderUi(<AnalyticsSection api={fakeApi({ analytics: async (query) => (asked.push(query), REPORT) })} isAdmin={false} />);
    await settle();
    await vi.waitFor(() => expect(container.querySelector('[data-chart="chart-heatmap"] svg')).not.toBeNull());
    expect(asked).toEqual([{ preset: 'week' }]);
    expect(container.querySelector('.yb-kpis')?.textContent).toContain('Incoming calls1,234 calls');
    expect(container.querySelector('.yb-kpis')?.textContent).toContain('Answer rate42.9%');
    expect(container.querySelector('[data-testid="analytics-range"]')?.textContent).toBe('2026-11-23 – 2026-11-24 (Asia/Tokyo; days start at midnight)');
    expect(container.querySelectorAll('[data-chart="chart-daily"] rect').length).toBe(4);
    expect(container.querySelector('[data-menu="2"]')?.textContent).toContain('Top menu › サポート');
    expect(container.querySelector('#org-time-zone')).toBeNull();

    const daily = container.querySelector<HTMLElement>('[data-chart="chart-daily"]')!;
    await click(button(daily, 'Show as table'));
    expect([...daily.querySelectorAll('tbody tr')].map((row) => row.textContent)).toEqual(['2026-11-23 (Mon)5320', '2026-11-24 (Tue)4011']);
  });

  it('downloads a chart’s numbers as a CSV Excel reads as UTF-8', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:csv'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { container } = renderUi(<AnalyticsSection api={fakeApi()} isAdmin />);
    await settle();
    await vi.waitFor(() => expect(container.querySelector('[data-chart="chart-missed"]')).not.toBeNull());
    await click(button(container.querySelector<HTMLElement>('[data-chart="chart-missed"]')!, 'Download CSV'));
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).split('\r\n').slice(0, 2)).toEqual(['Hour,Missed', '0:00,0']);
    expect(container.querySelector('#org-time-zone')).not.toBeNull();
  });

  it('asks for a custom range and shows the server’s complaint in the reader’s language', async () => {
    uiLanguage.value = 'ja';
    const api = fakeApi({ analytics: async (query) => { if (query.from) throw new ApiError(400, 'invalid_range', 'from must not be after to.', [], { params: { maxDays: 366 } }); return REPORT; } });
    const { container } = renderUi(<AnalyticsSection api={api} isAdmin={false} />);
    await settle();
    await click(button(container, '期間を指定'));
    const from = container.querySelector<HTMLInputElement>('#analytics-from')!;
    from.value = '2026-11-30';
    from.dispatchEvent(new Event('input', { bubbles: true }));
    await click(button(container, '表示'));
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('日付を確認してください（開始日と終了日、最長 366日）。');
  });
});
