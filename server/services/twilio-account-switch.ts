import type { AppDeps } from '../http/deps.ts';
import type { TwilioCredentials } from '../store/phone-config-store.ts';
import { describeTwilioError } from '../twilio/errors.ts';
import { cleanupAccount } from '../twilio/provisioning.ts';
import type { TwilioClient } from '../twilio/rest-client.ts';
import { giveBackAll, leftBehind, type ConnectedRow, type NumberLeftBehind } from './number-give-back.ts';
import { problemView, type ProblemView } from './twilio-failure.ts';

/** A number of the old account that pointed at this server when the admin switched accounts. */
export type OldNumber = ConnectedRow;

/** What of ours may still be in the old account: the admin deletes it in that account's Console. */
export interface LeftBehind {
  apiKeySid: string | null;
  twimlAppSid: string | null;
  /** Numbers that still send their calls here: this server now refuses them (their signature is the old account's). */
  numbers: string[];
}

export interface SwitchCleanup {
  apiKeyDeleted: boolean;
  twimlAppDeleted: boolean;
  numbersRestored: number;
  /**
   * The numbers of `left.numbers`, each with what it did before (to set back in the old account's
   * Console) and why it was not given back. Those not given back keep that record here.
   */
  numbersLeftBehind: NumberLeftBehind[];
  /** The old account could not be tidied (token revoked, Twilio down): what is left there is in `left`. */
  problem?: ProblemView;
  /** Empty when everything was tidied. */
  left: LeftBehind;
}

/**
 * After switching accounts: our numbers of the old account given back their previous setup, then our
 * TwiML App and API key deleted, with the old account's own credentials. Each step done is crossed off
 * `left`; a number Twilio refuses does not stop the rest (it keeps its bookkeeping until given back),
 * a failure on the App or key stops there, and what is not crossed off is reported. `client` carries
 * the OLD account's credentials.
 */
export async function tidyOldAccount(
  deps: AppDeps,
  { client, old, numbers, publicUrl }: { client: TwilioClient; old: TwilioCredentials; numbers: OldNumber[]; publicUrl: string },
): Promise<SwitchCleanup> {
  // Every number is tried: one Twilio refuses (429…) does not stop the others, nor the key and App.
  const given = await giveBackAll(deps, client, publicUrl, numbers);
  const left: LeftBehind = { apiKeySid: old.apiKeySid, twimlAppSid: old.twimlAppSid, numbers: given.leftBehind.map((n) => n.number) };
  const outcome: SwitchCleanup = { apiKeyDeleted: false, twimlAppDeleted: false, numbersRestored: given.restored, numbersLeftBehind: given.leftBehind, left };
  try {
    outcome.twimlAppDeleted = (await cleanupAccount(client, { twimlAppSid: old.twimlAppSid })).twimlAppDeleted;
    left.twimlAppSid = null;
    outcome.apiKeyDeleted = (await cleanupAccount(client, { apiKeySid: old.apiKeySid })).apiKeyDeleted;
    left.apiKeySid = null;
  } catch (error) {
    const problem = describeTwilioError(error);
    if (!problem) throw error;
    deps.logger.warn({ accountSid: old.accountSid, code: problem.code }, 'could not tidy the previous Twilio account');
    outcome.problem = problemView(problem);
  }
  const firstLeft = given.leftBehind[0];
  if (!outcome.problem && firstLeft) outcome.problem = firstLeft.problem;
  return outcome;
}

/** The old account's secrets cannot be opened (SECRET_KEY changed): nothing can be tidied there. */
export function untidiedOldAccount(
  stored: { apiKeySid?: string; twimlAppSid?: string },
  numbers: OldNumber[],
  problem: ProblemView,
): SwitchCleanup {
  return {
    apiKeyDeleted: false,
    twimlAppDeleted: false,
    numbersRestored: 0,
    numbersLeftBehind: numbers.flatMap((n) => (n.twilio_sid ? [leftBehind({ ...n, twilio_sid: n.twilio_sid }, problem)] : [])),
    problem,
    left: { apiKeySid: stored.apiKeySid ?? null, twimlAppSid: stored.twimlAppSid ?? null, numbers: numbers.map((n) => n.number) },
  };
}
