// The call log as the UI shows it. No zod here: the page's dialer (content script) renders call parties
// too, and must not carry the schema library. The server's JSON is read in call-log.ts.

/** Outcomes a rep picks after a call; stored in the call log as written here. */
export const DISPOSITIONS = ['won', 'call-back', 'no-answer', 'done', 'other'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** The server's final call statuses (server/store/schema.ts CallStatus, minus `in-progress`). */
export const CALL_STATUSES = ['completed', 'missed', 'voicemail', 'busy', 'failed', 'canceled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export interface CallLogRecord {
  module: string;
  id: string;
  name?: string | null;
  url?: string | null;
}

/** One call of `GET /api/calls`, named for the UI (call-log.ts maps the server's field names). */
export interface CallLogEntry {
  /** The parent CallSid (`callSid` on the server): the key of `PATCH /api/calls/:sid`. */
  sid: string;
  direction: 'inbound' | 'outbound';
  /** Inbound: the caller, null when withheld. Outbound: `client:<rep id>`, as Twilio saw it. */
  from?: string | null;
  fromAnonymous?: boolean;
  to?: string | null;
  calledNumber?: string | null;
  calledLabel?: string | null;
  ivrPath?: string[] | null;
  status: string;
  reason?: string | null;
  startedAt: string;
  answeredAt?: string | null;
  endedAt?: string | null;
  /** Seconds. */
  duration?: number | null;
  /** Who answered (inbound) or who called (outbound). */
  rep?: string | null;
  record?: CallLogRecord | null;
  note?: string | null;
  disposition?: string | null;
  /** `rung`: the rep's phone rang and a colleague took the call (its note and recording are theirs). */
  involvement?: 'party' | 'rung' | null;
}

export interface CallLogPage {
  calls: CallLogEntry[];
  nextCursor: string | null;
}

export interface CallLogQuery {
  direction?: 'inbound' | 'outbound';
  status?: CallStatus;
  rep?: string;
  number?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface CallNoteUpdate {
  note?: string;
  disposition?: Disposition | null;
}

/** The call log as both the popup and the admin page use it. */
export interface CallLogApi {
  listCalls(query?: CallLogQuery): Promise<CallLogPage>;
  /** The updated entry, or null when it was saved on the way (the popup's wrap-up goes through the background). */
  updateCall(sid: string, update: CallNoteUpdate): Promise<CallLogEntry | null>;
  /** The rep's note kept in the history of a call someone else finishes (the popup's wrap-up only). */
  keepNote?(sid: string, note: string): Promise<void>;
}

export function isMissed(entry: Pick<CallLogEntry, 'status' | 'direction'>): boolean {
  return entry.direction === 'inbound' && (entry.status === 'missed' || entry.status === 'voicemail');
}

/** Recent calls for the popup: missed calls first (a rep's to-do list), each group newest first. */
export function sortRecentCalls<T extends Pick<CallLogEntry, 'status' | 'direction' | 'startedAt'>>(
  entries: readonly T[],
): T[] {
  return [...entries].sort((a, b) => {
    const missedOrder = Number(isMissed(b)) - Number(isMissed(a));
    return missedOrder !== 0 ? missedOrder : Date.parse(b.startedAt) - Date.parse(a.startedAt);
  });
}

/** The other party of a call: the caller for inbound ('' when withheld), the callee for outbound. */
export function otherParty(entry: Pick<CallLogEntry, 'direction' | 'from' | 'to'>): string {
  return (entry.direction === 'inbound' ? entry.from : entry.to) ?? '';
}

export function callLogSearchParams(query: CallLogQuery = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
