import { signal } from '@preact/signals';
import type { Board, BoardEvent } from '../../contract/live-board';
import type { BoardApi } from './board-api';
import { openBoardStream, type StreamStatus } from './board-stream';

/** The board after one event: a snapshot replaces it, the others change their part. */
export function applyBoardEvent(board: Board | null, event: BoardEvent): Board | null {
  if (event.event === 'snapshot') return event.data;
  if (!board) return board; // a part before any snapshot: the stream always starts with one
  switch (event.event) {
    case 'rep': {
      const at = board.reps.findIndex((card) => card.id === event.data.id);
      const reps = at >= 0 ? board.reps.with(at, event.data) : [...board.reps, event.data];
      return { ...board, reps };
    }
    case 'rep-gone':
      return { ...board, reps: board.reps.filter((card) => card.id !== event.data.id) };
    case 'waiting':
      return { ...board, waiting: event.data };
    case 'meta':
      return { ...board, meta: event.data };
    case 'end':
      return board;
  }
}

/**
 * The live board as signals: the board, the stream's status, and how far this computer's clock is
 * from the server's (the cards' timers count from server times).
 */
export function createBoardModel(api: BoardApi, now: () => number = Date.now) {
  const board = signal<Board | null>(null);
  const status = signal<StreamStatus>('connecting');
  const clockOffsetMs = signal(0);
  let stream: { close(): void } | null = null;
  return {
    board,
    status,
    clockOffsetMs,
    start() {
      stream?.close();
      stream = openBoardStream({
        api,
        onStatus: (next) => (status.value = next),
        onEvent: (event) => {
          board.value = applyBoardEvent(board.value, event);
          const meta = event.event === 'snapshot' ? event.data.meta : event.event === 'meta' ? event.data : null;
          if (meta) clockOffsetMs.value = Date.parse(meta.serverTime) - now();
        },
      });
    },
    stop() {
      stream?.close();
      stream = null;
    },
    listenIn: (callSid: string) => api.listenIn(callSid),
  };
}
export type BoardModel = ReturnType<typeof createBoardModel>;
