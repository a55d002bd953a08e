import type { Kysely } from 'kysely';
import type { CallStatus, Database, IvrState } from '../../../server/store/schema.ts';

/**
 * Call-log rows as the voice engine leaves them once a call is over (or still going on), for
 * aggregate tests with hand-computed results. Times are ISO instants with the offset spelled out.
 */
export interface CallRow {
  sid: string;
  direction?: 'inbound' | 'outbound';
  from?: string;
  to?: string;
  /** Our number (incoming) or the caller ID used (outgoing). */
  number: string;
  label?: string;
  status: CallStatus;
  reason?: string | null;
  rep?: string | null;
  /** The first rep to answer (or the caller); unset, as rows written before 0015 left it. */
  answeredBy?: string | null;
  rang?: string[];
  ivrKeys?: string | null;
  ivrState?: IvrState | null;
  ivrPath?: string[];
  started: string;
  routed?: string;
  answered?: string;
  ended?: string;
  note?: string;
}

let counter = 0;
/** `CA` + 32 hex digits, as Twilio's CallSids are. */
export function callSid(seed: string): string {
  const hex = Buffer.from(`${seed}:${counter++}`).toString('hex').padEnd(32, '0').slice(0, 32);
  return `CA${hex}`;
}

const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);

export async function insertCalls(db: Kysely<Database>, rows: readonly CallRow[]): Promise<void> {
  for (const row of rows) {
    const inbound = (row.direction ?? 'inbound') === 'inbound';
    await db
      .insertInto('calls')
      .values({
        call_sid: row.sid,
        direction: inbound ? 'inbound' : 'outbound',
        from_number: row.from ?? (inbound ? '+819011112222' : `client:${row.rep}`),
        to_number: row.to ?? (inbound ? row.number : '+81398765432'),
        number_called: row.number,
        number_label: row.label ?? null,
        ivr_path: JSON.stringify(row.ivrPath ?? []),
        rep_id: row.rep ?? null,
        answered_by: row.answeredBy ?? null,
        rang: row.rang ?? [],
        status: row.status,
        status_rank: 0,
        reason: row.reason ?? null,
        started_at: row.started,
        answered_at: row.answered ?? null,
        ended_at: row.ended ?? null,
        duration_seconds: row.ended ? seconds(row.started, row.ended) : null,
        crm_record: null,
        note: row.note ?? null,
        disposition: null,
        ivr_keys: row.ivrKeys ?? null,
        ivr_state: row.ivrState ?? null,
        ivr_routed_at: row.routed ?? null,
      })
      .execute();
  }
}
