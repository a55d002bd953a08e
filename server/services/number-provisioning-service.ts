import type { AppDeps } from '../http/deps.ts';
import { displayNumber } from '../phone-config/display-number.ts';
import { loadSettings } from '../store/phone-config-store.ts';
import type { AdminMessage } from '../twilio/errors.ts';
import {
  describeNumber,
  fetchNumber,
  listIncomingNumbers,
  pointNumberAtServer,
  pointsAt,
  type IncomingNumber as TwilioNumber,
  type NumberUsage,
} from '../twilio/provisioning-numbers.ts';
import { serverWebhookUrls } from '../twilio/provisioning-urls.ts';
import { apiError, apiErrorWith } from '../http/errors.ts';
import { forgetConnection, giveBack } from './number-give-back.ts';
import { talkToTwilio } from './twilio-failure.ts';
import { requireTwilio } from './twilio-account-service.ts';

/**
 * Step 2 of the options page on Twilio's side: which numbers the account owns, pointing one at this
 * server when it becomes an incoming number, and giving it back when it stops being one.
 */

export interface AccountNumber extends TwilioNumber {
  /** The incoming number (E.164) it is configured as here, or null. */
  incomingNumber: string | null;
  /** Pointed at this server by us (we hold what to restore when it is removed). */
  connected: boolean;
}

async function incomingRows(deps: AppDeps) {
  return deps.store.db.selectFrom('incoming_numbers').select(['number', 'twilio_sid', 'previous_twilio', 'twilio_voice_url']).execute();
}

/** The Voice URL we set on each number we connected, by SID: our old address (PUBLIC_URL changed) is still ours. */
function pointedAtBySid(rows: readonly { twilio_sid: string | null; twilio_voice_url: string | null }[]): Map<string, string | null> {
  return new Map(rows.flatMap((row) => (row.twilio_sid ? [[row.twilio_sid, row.twilio_voice_url] as const] : [])));
}

/**
 * A number Twilio sends to this server although it is no incoming number here (an import, a restored
 * backup, a row deleted by hand): every caller hears "not in service". Not "unused", and not "in use
 * elsewhere" either: adding it as an incoming number is the cure, with no take-over to confirm.
 */
export function strayUsage(number: TwilioNumber, publicUrl: string): NumberUsage | null {
  if (!pointsAt(number, [serverWebhookUrls(publicUrl).voice])) return null;
  return {
    kind: 'this-server',
    target: number.voiceUrl,
    message: {
      en: 'Yobidashi, but it is not an incoming number here: callers hear that the number is not in service',
      ja: '呼び出し（ただし着信番号として設定されていないため、発信者には「現在使われておりません」と流れます）',
    },
  };
}

export async function listAccountNumbers(deps: AppDeps): Promise<AccountNumber[]> {
  const { client, publicUrl } = await requireTwilio(deps);
  const rows = await incomingRows(deps);
  const numbers = await talkToTwilio(() => listIncomingNumbers(client, { publicUrl, pointedAt: pointedAtBySid(rows) }));
  return numbers.map((number) => {
    const row = rows.find((r) => r.twilio_sid === number.sid) ?? rows.find((r) => r.number === number.phoneNumber);
    const usedBy = number.usedBy ?? (row ? null : strayUsage(number, publicUrl));
    return { ...number, usedBy, incomingNumber: row?.number ?? null, connected: row?.twilio_sid === number.sid };
  });
}

export interface ConnectResult {
  number: AccountNumber;
  /** It answered calls elsewhere before (the admin confirmed taking it over). */
  tookOverFrom: AdminMessage | null;
}

/**
 * Points a Twilio number at `PUBLIC_URL/twilio/voice` (clearing an overriding TwiML App or trunk) and
 * remembers what it did before, so that removing it restores that. The number must already be one
 * of the incoming numbers. A number in use elsewhere needs `confirm`: without it, 409 naming the use.
 */
export async function connectNumber(deps: AppDeps, { sid, confirm }: { sid: string; confirm: boolean }): Promise<ConnectResult> {
  const { client, publicUrl } = await requireTwilio(deps);
  const fetched = await talkToTwilio(() => fetchNumber(client, sid));
  const row = (await incomingRows(deps)).find((r) => r.number === fetched.phoneNumber);
  // Still at the address we set before PUBLIC_URL changed: ours, nothing to take over.
  const pointedAt = row?.twilio_sid === sid ? row.twilio_voice_url : null;
  const current = describeNumber(fetched, publicUrl, pointedAt);
  // Sentences show the number as people read it (03-1234-5678).
  const shown = displayNumber(current.phoneNumber, (await loadSettings(deps.store.db)).defaultCountry);
  if (!row) {
    throw apiError('not_an_incoming_number', { number: shown });
  }
  if (current.usedBy && !confirm) {
    // `usedBy` carries what answers it now, in both languages, for the page's confirmation.
    throw apiErrorWith('number_in_use', { usedBy: current.usedBy }, { number: shown, target: current.usedBy.target });
  }
  const result = await talkToTwilio(() => pointNumberAtServer(client, { sid, publicUrl, pointedAt }));
  // Re-connecting a number we already hold keeps the original "before": it is what the owner had.
  const keptPrevious = row.twilio_sid === sid ? row.previous_twilio : null;
  const previous = keptPrevious ?? result.previous;
  await deps.store.db
    .updateTable('incoming_numbers')
    .set({ twilio_sid: sid, previous_twilio: previous ? JSON.stringify(previous) : null, twilio_voice_url: serverWebhookUrls(publicUrl).voice, updated_at: deps.now() })
    .where('number', '=', row.number)
    .execute();
  deps.logger.info({ event: 'number_connected', sid, number: row.number, tookOver: result.wasInUseElsewhere }, 'Twilio number pointed at this server');
  return {
    number: { ...result.number, incomingNumber: row.number, connected: true },
    tookOverFrom: current.usedBy?.message ?? null,
  };
}

export type DisconnectResult =
  | { status: 'restored'; number: TwilioNumber }
  /** Nothing to give back: we never pointed it here. */
  | { status: 'not-connected' }
  /** Released or moved out of the account since. */
  | { status: 'number-gone' }
  /** Someone pointed it elsewhere since: left alone. */
  | { status: 'changed-elsewhere' };

/**
 * Gives a number back: what it did before we pointed it here (or nothing), and forgets the
 * bookkeeping. Call it before the incoming number is deleted: deleting drops what to restore.
 */
export async function disconnectNumber(deps: AppDeps, e164: string): Promise<DisconnectResult> {
  const row = await deps.store.db
    .selectFrom('incoming_numbers')
    .select(['number', 'twilio_sid', 'previous_twilio', 'twilio_voice_url'])
    .where('number', '=', e164)
    .executeTakeFirst();
  if (!row?.twilio_sid) return { status: 'not-connected' };
  const { client, publicUrl } = await requireTwilio(deps);
  const restored = await talkToTwilio(() => giveBack(client, { ...row, twilio_sid: row.twilio_sid! }, publicUrl));
  await forgetConnection(deps, e164);
  deps.logger.info({ event: 'number_disconnected', sid: row.twilio_sid, number: e164, restored: restored.restored }, 'Twilio number given back');
  return restored.restored ? { status: 'restored', number: restored.number } : { status: restored.reason };
}

/** The incoming number a Twilio SID is connected as; 404 when we do not hold it. */
export async function incomingNumberForSid(deps: AppDeps, sid: string): Promise<string> {
  const row = await deps.store.db.selectFrom('incoming_numbers').select('number').where('twilio_sid', '=', sid).executeTakeFirst();
  if (!row) {
    throw apiError('not_connected');
  }
  return row.number;
}
