import type { AppDeps } from '../http/deps.ts';
import { maskSecret } from '../phone-config/masking.ts';
import { loadStoredTwilio, loadTwilioCredentials, saveStoredTwilio, type TwilioCredentials } from '../store/phone-config-store.ts';
import type { StoredTwilio } from '../store/schema.ts';
import { apiError } from '../http/errors.ts';
import { describeTwilioError, twilioProblemMessage, type TwilioProblem } from '../twilio/errors.ts';
import {
  cleanupAccount,
  ensureVoiceApp,
  restoreNumber,
  TwilioAccountSummary,
  validateAccount,
  type VoiceAppResult,
} from '../twilio/provisioning.ts';
import { NumberVoiceSettings } from '../twilio/provisioning-numbers.ts';
import { createTwilioClient, type TwilioClient } from '../twilio/rest-client.ts';
import { talkToTwilio } from './twilio-failure.ts';

/**
 * Step 1 of the options page: the Twilio account. Credentials are checked against Twilio, what
 * outgoing calls need is created there, and only then is anything stored, in one write.
 */

export interface TwilioAccess {
  credentials: TwilioCredentials;
  client: TwilioClient;
  publicUrl: string;
}

export function clientFor(deps: AppDeps, credentials: { accountSid: string; authToken: string }): TwilioClient {
  return createTwilioClient({ ...credentials, apiBaseUrl: deps.twilioApiUrl });
}

export function requirePublicUrl(deps: AppDeps): string {
  if (!deps.publicUrl) throw apiError('public_url_missing');
  return deps.publicUrl;
}

/** The stored account with a client for it; 409 while the admin has not authenticated Twilio. */
export async function requireTwilio(deps: AppDeps): Promise<TwilioAccess> {
  const publicUrl = requirePublicUrl(deps);
  const credentials = await loadTwilioCredentials(deps.store.db, deps.secretBox);
  if (!credentials) throw apiError('twilio_not_configured');
  return { credentials, client: clientFor(deps, credentials), publicUrl };
}

/** A Twilio failure shown inside an answer (not thrown): the contract's code, params and English message. */
export interface ProblemView {
  code: TwilioProblem['code'];
  params?: { detail: string };
  message: string;
}

function problemView(problem: TwilioProblem): ProblemView {
  return { code: problem.code, ...(problem.detail === null ? {} : { params: { detail: problem.detail } }), message: twilioProblemMessage(problem) };
}

export interface AccountView {
  configured: boolean;
  accountSid: string | null;
  friendlyName: string | null;
  status: TwilioAccountSummary['status'] | null;
  type: TwilioAccountSummary['type'] | null;
  /** Masked (`••••1a2b`): the token itself is never shown again. */
  authToken: string | null;
  apiKeySid: string | null;
  twimlAppSid: string | null;
  /** Set when Twilio could not be asked about the account just now. */
  problem?: ProblemView;
}

function viewOf(stored: StoredTwilio, authToken: string | null, summary: TwilioAccountSummary | null): AccountView {
  return {
    configured: Boolean(stored.accountSid && stored.authTokenSealed),
    accountSid: stored.accountSid ?? null,
    friendlyName: summary?.friendlyName ?? null,
    status: summary?.status ?? null,
    type: summary?.type ?? null,
    authToken: maskSecret(authToken) ?? null,
    apiKeySid: stored.apiKeySid ?? null,
    twimlAppSid: stored.twimlAppSid ?? null,
  };
}

/** The account as Twilio sees it now (name, status, trial/full); a Twilio failure is shown, not thrown. */
export async function readAccount(deps: AppDeps): Promise<AccountView> {
  const stored = await loadStoredTwilio(deps.store.db);
  const credentials = await loadTwilioCredentials(deps.store.db, deps.secretBox);
  if (!credentials) return viewOf(stored, null, null);
  try {
    const account = await clientFor(deps, credentials).api.v2010.accounts(credentials.accountSid).fetch();
    const summary = TwilioAccountSummary.parse({ sid: account.sid, friendlyName: account.friendlyName ?? '', status: account.status, type: account.type });
    return viewOf(stored, credentials.authToken, summary);
  } catch (error) {
    const problem = describeTwilioError(error);
    if (!problem) throw error;
    return { ...viewOf(stored, credentials.authToken, null), problem: problemView(problem) };
  }
}

export interface SwitchCleanup {
  apiKeyDeleted: boolean;
  twimlAppDeleted: boolean;
  numbersRestored: number;
  /** The old account could not be tidied (token revoked, Twilio down): what is left there is listed. */
  problem?: ProblemView;
}

export interface AuthenticateResult extends AccountView {
  created: VoiceAppResult['created'];
  /** Only after switching from another account. */
  previousAccount?: { accountSid: string; cleanup: SwitchCleanup };
}

/**
 * Validates the credentials, makes sure the API key and TwiML App exist (reusing ours on a re-run),
 * then stores everything at once. A Twilio failure stores nothing. Switching accounts tidies the old
 * one afterwards with its own credentials: our key and app deleted, our numbers given back.
 */
export async function authenticateAccount(
  deps: AppDeps,
  input: { accountSid: string; authToken: string },
): Promise<AuthenticateResult> {
  const publicUrl = requirePublicUrl(deps);
  const { db } = deps.store;
  const client = clientFor(deps, input);
  const summary = await talkToTwilio(() => validateAccount(client, input.accountSid));

  const stored = await loadStoredTwilio(db);
  const sameAccount = stored.accountSid === input.accountSid;
  const old = sameAccount ? null : await loadTwilioCredentials(db, deps.secretBox);
  const voiceApp = await talkToTwilio(() =>
    ensureVoiceApp({
      client,
      publicUrl,
      // A key whose secret we do not hold cannot sign tokens: only a key with a stored secret is reused.
      existing: sameAccount ? { apiKeySid: stored.apiKeySecretSealed ? stored.apiKeySid : null, twimlAppSid: stored.twimlAppSid } : {},
    }),
  );

  const next: StoredTwilio = {
    accountSid: input.accountSid,
    authTokenSealed: deps.secretBox.seal(input.authToken),
    apiKeySid: voiceApp.apiKeySid,
    apiKeySecretSealed: voiceApp.apiKeySecret === undefined ? stored.apiKeySecretSealed : deps.secretBox.seal(voiceApp.apiKeySecret),
    twimlAppSid: voiceApp.twimlAppSid,
  };
  // Numbers of the old account, with what to give back to them, read before the bookkeeping is cleared.
  const oldNumbers = old ? await db.selectFrom('incoming_numbers').select(['twilio_sid', 'previous_twilio']).where('twilio_sid', 'is not', null).execute() : [];
  await db.transaction().execute(async (trx) => {
    await saveStoredTwilio(trx, next, deps.now());
    if (!sameAccount) await trx.updateTable('incoming_numbers').set({ twilio_sid: null, previous_twilio: null }).execute();
  });
  deps.logger.info({ event: 'twilio_authenticated', accountSid: input.accountSid, created: voiceApp.created, switched: Boolean(old) }, 'Twilio account saved');

  const result: AuthenticateResult = { ...viewOf(next, input.authToken, summary), created: voiceApp.created };
  if (old) {
    result.previousAccount = { accountSid: old.accountSid, cleanup: await tidyOldAccount(deps, old, oldNumbers, publicUrl) };
  }
  return result;
}

async function tidyOldAccount(
  deps: AppDeps,
  old: TwilioCredentials,
  numbers: { twilio_sid: string | null; previous_twilio: Record<string, unknown> | null }[],
  publicUrl: string,
): Promise<SwitchCleanup> {
  const client = clientFor(deps, old);
  const outcome: SwitchCleanup = { apiKeyDeleted: false, twimlAppDeleted: false, numbersRestored: 0 };
  try {
    for (const number of numbers) {
      const previous = NumberVoiceSettings.safeParse(number.previous_twilio).data ?? null;
      const restored = await restoreNumber(client, { sid: number.twilio_sid!, previous, publicUrl });
      if (restored.restored) outcome.numbersRestored += 1;
    }
    Object.assign(outcome, await cleanupAccount(client, { apiKeySid: old.apiKeySid, twimlAppSid: old.twimlAppSid }));
  } catch (error) {
    const problem = describeTwilioError(error);
    if (!problem) throw error;
    deps.logger.warn({ accountSid: old.accountSid, code: problem.code }, 'could not tidy the previous Twilio account');
    outcome.problem = problemView(problem);
  }
  return outcome;
}
