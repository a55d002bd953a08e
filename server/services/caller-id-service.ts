import type { AppDeps } from '../http/deps.ts';
import { displayNumber } from '../phone-config/display-number.ts';
import { loadSettings, loadTwilioCredentials } from '../store/phone-config-store.ts';
import { findCallerId, listCallerIds, type CallerId } from '../twilio/caller-ids.ts';
import { describeTwilioError, type AdminMessage } from '../twilio/errors.ts';
import { apiError, apiErrorWith } from '../http/errors.ts';
import { talkToTwilio, twilioProblemError } from './twilio-failure.ts';
import { clientFor } from './twilio-account-service.ts';

/**
 * Outgoing numbers (caller IDs) against the Twilio account: what the options page offers, and the
 * check on save. An outgoing number Twilio would refuse is refused here, before reps find out with
 * a dead call; when Twilio cannot be asked, nothing is saved and the admin is told why.
 */

async function clientOrRefuse(deps: AppDeps) {
  const credentials = await loadTwilioCredentials(deps.store.db, deps.secretBox);
  if (!credentials) throw apiError('twilio_not_configured');
  return clientFor(deps, credentials);
}

/** `GET /api/twilio/caller-ids`: the account's numbers and its verified caller IDs. */
export async function listAccountCallerIds(deps: AppDeps): Promise<CallerId[]> {
  const client = await clientOrRefuse(deps);
  return talkToTwilio(() => listCallerIds(client));
}

/**
 * Resolves when Twilio accepts `e164` as caller ID for this account; otherwise a 400
 * `caller_id_not_usable`, a 409 while Twilio is not set up, Twilio's own refusal of the credentials,
 * or — Twilio unreachable or failing — a 502 `caller_id_unchecked` that says nothing was saved.
 */
export async function requireUsableCallerId(deps: AppDeps, e164: string): Promise<CallerId> {
  const client = await clientOrRefuse(deps);
  const shown = displayNumber(e164, (await loadSettings(deps.store.db)).defaultCountry);
  let found: CallerId | null;
  try {
    found = await findCallerId(client, e164);
  } catch (error) {
    const problem = describeTwilioError(error);
    if (!problem) throw error;
    // Unreachable or failing Twilio: nothing could be checked (502); refused credentials or a
    // suspended account: Twilio's own problem, the admin's to fix (400).
    const failure = twilioProblemError(problem);
    if (failure.status !== 502) throw failure;
    throw apiErrorWith('caller_id_unchecked', { twilioProblem: problem.code }, { number: shown });
  }
  if (!found) throw apiErrorWith('caller_id_not_usable', { number: e164 }, { number: shown });
  return found;
}

export function notUsableMessage(shown: string): AdminMessage {
  return {
    en: `${shown} is neither a number of this Twilio account nor a verified caller ID, so Twilio would refuse calls from it. Choose one from the list, or verify it in the Twilio Console (Phone Numbers → Verified Caller IDs).`,
    ja: `${shown} は、この Twilio アカウントの番号でも認証済みの発信者番号でもないため、Twilio はこの番号からの発信を拒否します。一覧から選ぶか、Twilio コンソール（Phone Numbers → Verified Caller IDs）で認証してください。`,
  };
}
