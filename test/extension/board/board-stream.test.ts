import { describe, expect, it } from 'vitest';
import { applyBoardEvent } from '@/models/board-model';
import { createBoardApi } from '@/models/board-api';
import { openBoardStream, type StreamStatus } from '@/models/board-stream';
import type { BoardEvent } from '../../../contract/live-board';
import { board, SATO_ON_CALL, sse, SUZUKI_ONLINE } from './fixtures';

/** A server that answers each stream request in turn from `responses`, recording what it was asked. */
function streamServer(responses: (() => Response)[]) {
  const requests: { url: string; auth: string | null; accept: string | null }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    requests.push({ url, auth: headers.authorization ?? null, accept: headers.accept ?? null });
    const next = responses.shift();
    if (!next) return new Promise<Response>(() => {}); // the last connection stays open
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}
const body = (text: string, status = 200) => () => new Response(text, { status, headers: { 'content-type': 'text/event-stream' } });

function follow(responses: (() => Response)[], token: string | null = 'tok') {
  const server = streamServer(responses);
  const api = createBoardApi({ baseUrl: 'https://phone.example.jp/', getToken: () => token, fetch: server.fetch });
  const events: BoardEvent[] = [];
  const statuses: StreamStatus[] = [];
  const stream = openBoardStream({ api, onEvent: (event) => events.push(event), onStatus: (status) => statuses.push(status), retryDelayMs: () => 1 });
  return { server, events, statuses, stream };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('the board’s event stream in the options page', () => {
  it('reads the events with the bearer token, and resumes from the last id after the connection drops', async () => {
    const first = sse([
      { event: 'snapshot', id: '900', data: board() },
      { event: 'rep', id: '905', data: { ...SUZUKI_ONLINE, state: 'ringing' } },
    ]);
    const { server, events, statuses, stream } = follow([body(first), body(sse([{ event: 'rep-gone', id: '910', data: { id: 'suzuki' } }]))]);
    await until(() => events.length === 3);
    stream.close();
    expect(events.map((event) => event.event)).toEqual(['snapshot', 'rep', 'rep-gone']);
    expect(server.requests[0]).toEqual({ url: 'https://phone.example.jp/api/board/events', auth: 'Bearer tok', accept: 'text/event-stream' });
    expect(server.requests[1]?.url).toBe('https://phone.example.jp/api/board/events?lastEventId=905');
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'live', 'reconnecting']);
  });

  it('resumes from the id of the last whole batch when the connection drops in the middle of one', async () => {
    // The server numbers only a batch's last event: the card written before the drop carries no id.
    const cut = sse([{ event: 'snapshot', id: '900', data: board() }]) + `event: rep\ndata: ${JSON.stringify({ ...SUZUKI_ONLINE, state: 'ringing' })}\n\n`;
    const { server, events, stream } = follow([body(cut), body(sse([{ event: 'meta', id: '910', data: board().meta }]))]);
    await until(() => events.length === 3);
    stream.close();
    expect(events.map((event) => event.event)).toEqual(['snapshot', 'rep', 'meta']);
    expect(server.requests[1]?.url).toBe('https://phone.example.jp/api/board/events?lastEventId=900');
  });

  it('skips an event it does not understand and keeps reading', async () => {
    const text = 'event: rep\ndata: {"id":42}\nid: 1\n\n' + sse([{ event: 'waiting', id: '2', data: board().waiting }]);
    const { events, stream } = follow([body(text)]);
    await until(() => events.length === 1);
    stream.close();
    expect(events[0]?.event).toBe('waiting');
  });

  it('stops for good when the session is over, and says so', async () => {
    const { statuses, server } = follow([body('', 401)]);
    await until(() => statuses.includes('signed-out'));
    expect(server.requests).toHaveLength(1);
    const ended = follow([body(sse([{ event: 'end', id: '5', data: { reason: 'signed-out' } }]))]);
    await until(() => ended.statuses.at(-1) === 'signed-out');
    const refused = follow([body('', 403)]);
    await until(() => refused.statuses.at(-1) === 'refused');
  });

  it('keeps trying, slowly, while the account has too many boards open', async () => {
    const { statuses, stream } = follow([body('', 429), body(sse([{ event: 'snapshot', id: '1', data: board() }]))]);
    await until(() => statuses.includes('live'));
    stream.close();
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'too-many', 'live']);
  });
});

describe('the board after each event', () => {
  it('replaces, adds and removes cards, and swaps the waiting list and the meta', () => {
    let state = applyBoardEvent(null, { event: 'snapshot', data: board() });
    state = applyBoardEvent(state, { event: 'rep', data: { ...SATO_ON_CALL, state: 'wrap-up' } });
    state = applyBoardEvent(state, { event: 'rep', data: { ...SUZUKI_ONLINE, id: 'tanaka', name: '田中' } });
    state = applyBoardEvent(state, { event: 'rep-gone', data: { id: 'suzuki' } });
    state = applyBoardEvent(state, { event: 'waiting', data: { inMenu: [], ringing: [], inLine: [] } });
    expect(state?.reps.map((card) => [card.id, card.state])).toEqual([['sato', 'wrap-up'], ['tanaka', 'online']]);
    expect(state?.waiting).toEqual({ inMenu: [], ringing: [], inLine: [] });
    expect(applyBoardEvent(null, { event: 'rep', data: SATO_ON_CALL })).toBeNull();
  });
});
