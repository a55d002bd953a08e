import type { Analytics } from '../../../contract/analytics';
import type { Board, RepCard } from '../../../contract/live-board';

export const SATO_ON_CALL: RepCard = {
  id: 'sato',
  name: '佐藤 花子',
  role: 'rep',
  state: 'on-call',
  since: '2026-11-24T01:00:15.000Z',
  call: {
    callSid: 'CA0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    direction: 'inbound',
    customer: { number: '+819011112222', name: '山田商事 山田様' },
    line: { number: '+81312345678', label: '代表' },
    ivrPath: ['サポート', '製品について'],
    answeredAt: '2026-11-24T01:00:15.000Z',
  },
  today: { answered: 3, missed: 1, talkSeconds: 610 },
};

export const SUZUKI_ONLINE: RepCard = { id: 'suzuki', name: '鈴木 一郎', role: 'rep', state: 'online', since: '2026-11-24T00:00:00.000Z', call: null, today: { answered: 0, missed: 0, talkSeconds: 0 } };

export function board(overrides: Partial<Board> = {}): Board {
  return {
    meta: { day: '2026-11-24', timeZone: 'Asia/Tokyo', monitor: false, serverTime: '2026-11-24T01:02:00.000Z' },
    reps: [SATO_ON_CALL, SUZUKI_ONLINE],
    waiting: {
      inMenu: [{ callSid: 'CA1', customer: { number: '+819033334444', name: null }, line: { number: '+81312345678', label: '代表' }, ivrPath: [], keys: '2', since: '2026-11-24T01:01:30.000Z', reps: [] }],
      ringing: [],
      inLine: null,
    },
    ...overrides,
  };
}

/** A server's event stream body: `event`, `id` and `data` lines, as the server writes them. */
export function sse(events: { event: string; id: string; data: unknown }[]): string {
  return events.map((event) => `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\nid: ${event.id}\n\n`).join('');
}

export const REPORT: Analytics = {
  range: { from: '2026-11-23', to: '2026-11-24', timeZone: 'Asia/Tokyo', preset: 'week' },
  filters: { number: null, branch: null, rep: null },
  totals: { calls: 1234, answered: 3, missed: 3, voicemail: 1, answerRate: 3 / 7, avgWaitSeconds: 30, p90WaitSeconds: 46, avgTalkSeconds: 80 },
  heatmap: [{ weekday: 1, hour: 9, calls: 2 }, { weekday: 2, hour: 8, calls: 2 }],
  daily: [
    { date: '2026-11-23', calls: 5, answered: 3, missed: 2, voicemail: 0 },
    { date: '2026-11-24', calls: 4, answered: 0, missed: 1, voicemail: 1 },
  ],
  missedByHour: Array.from({ length: 24 }, (_, hour) => (hour === 10 ? 2 : hour === 8 ? 2 : 0)),
  byNumber: [{ number: '+81312345678', label: '代表', calls: 6, answered: 2, missed: 3, voicemail: 0, answerRate: 0.4, avgWaitSeconds: 20, p90WaitSeconds: 28, avgTalkSeconds: 210 }],
  byRep: [{ rep: 'sato', name: '佐藤 花子', answered: 1, transfersTaken: 0, missed: 1, avgWaitSeconds: 10, avgTalkSeconds: 300, outbound: 1, talkSeconds: 420 }],
  funnel: [
    {
      number: '+81312345678',
      label: '代表',
      menus: [
        { keys: '', labels: [], reached: 6, hungUp: 0, invalid: 1, inMenu: 0, choices: [{ key: '1', label: '営業', reached: 1, rings: true }, { key: '2', label: 'サポート', reached: 4, rings: false }] },
        { keys: '2', labels: ['サポート'], reached: 4, hungUp: 1, invalid: 0, inMenu: 1, choices: [{ key: '1', label: '製品について', reached: 1, rings: true }] },
      ],
    },
  ],
  choices: {
    numbers: [{ number: '+81312345678', label: '代表', branches: [{ keys: '1', labels: ['営業'] }, { keys: '2', labels: ['サポート'] }] }],
    reps: [{ id: 'sato', name: '佐藤 花子' }],
  },
};
