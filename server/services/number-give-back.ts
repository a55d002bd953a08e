import type { AppDeps } from '../http/deps.ts';
import { describeTwilioError } from '../twilio/errors.ts';
import { NumberVoiceSettings, restoreNumber, type RestoreResult } from '../twilio/provisioning-numbers.ts';
import type { TwilioClient } from '../twilio/rest-client.ts';
import { problemView, type ProblemView } from './twilio-failure.ts';

/**
 * Giving Twilio numbers back: what each did before we pointed it here, read from its row, and the
 * row's bookkeeping forgotten once that is done. Used when an incoming number is deleted
 * (number-provisioning-service) and when the admin switches Twilio accounts (every number of the
 * old account, with the old account's `client`).
 */

/** What `restoreNumber` needs of an incoming number's row. */
export type ConnectedRow = {
  number: string;
  twilio_sid: string | null;
  previous_twilio: Record<string, unknown> | null;
  twilio_voice_url: string | null;
};

/** Restores one number. Twilio's failures propagate; the row is not touched. */
export function giveBack(client: TwilioClient, row: ConnectedRow & { twilio_sid: string }, publicUrl: string): Promise<RestoreResult> {
  const previous = NumberVoiceSettings.safeParse(row.previous_twilio).data ?? null;
  return restoreNumber(client, { sid: row.twilio_sid, previous, publicUrl, pointedAt: row.twilio_voice_url });
}

/** Forgets which Twilio number an incoming number is and what it did before (only while it is still `sid`, when given). */
export async function forgetConnection(deps: AppDeps, number: string, sid?: string): Promise<void> {
  await deps.store.db
    .updateTable('incoming_numbers')
    .set({ twilio_sid: null, previous_twilio: null, twilio_voice_url: null, updated_at: deps.now() })
    .where('number', '=', number)
    .$if(sid !== undefined, (qb) => qb.where('twilio_sid', '=', sid!))
    .execute();
}

/** A number of the previous account that still sends its calls to this server. */
export interface NumberLeftBehind {
  /** The incoming number here (E.164). */
  number: string;
  /** Its SID in the previous account. */
  sid: string;
  /** What it did before we pointed it here, to set again in that account's console; null: nothing (clear its Voice URL). */
  previous: NumberVoiceSettings | null;
  /** Why it could not be given back: a code of the error contract, worded by the extension. */
  problem: ProblemView;
}

export function leftBehind(row: ConnectedRow & { twilio_sid: string }, problem: ProblemView): NumberLeftBehind {
  return { number: row.number, sid: row.twilio_sid, previous: NumberVoiceSettings.safeParse(row.previous_twilio).data ?? null, problem };
}

export interface GiveBackAllResult {
  /** How many were put back as they were. */
  restored: number;
  /** Not given back (Twilio refused or could not be reached): they keep their bookkeeping here. */
  leftBehind: NumberLeftBehind[];
}

/**
 * Switching accounts: gives back each of `rows` (the old account's numbers) with the OLD account's
 * `client`. A number Twilio refuses (429, 5xx, unreachable) does not stop the others; it keeps its
 * row's bookkeeping and is listed with what it did before, for the admin to set back in the old
 * account's console. A number re-pointed elsewhere by someone since has nothing left to give back:
 * forgotten. One the old account does not have keeps its record: it may be a number an earlier
 * switch could not give back, still in the account before (switching back there finds it connected).
 */
export async function giveBackAll(deps: AppDeps, client: TwilioClient, publicUrl: string, rows: readonly ConnectedRow[]): Promise<GiveBackAllResult> {
  const result: GiveBackAllResult = { restored: 0, leftBehind: [] };
  for (const row of rows) {
    if (!row.twilio_sid) continue;
    const connected = { ...row, twilio_sid: row.twilio_sid };
    try {
      const given = await giveBack(client, connected, publicUrl);
      if (given.restored) result.restored += 1;
      if (given.restored || given.reason === 'changed-elsewhere') await forgetConnection(deps, row.number, connected.twilio_sid);
      deps.logger.info({ event: 'number_disconnected', sid: connected.twilio_sid, number: row.number, restored: given.restored }, 'Twilio number of the previous account given back');
    } catch (error) {
      const problem = describeTwilioError(error);
      if (!problem) throw error;
      deps.logger.warn({ sid: connected.twilio_sid, number: row.number, code: problem.code }, 'could not give a Twilio number of the previous account back');
      result.leftBehind.push(leftBehind(connected, problemView(problem)));
    }
  }
  return result;
}
