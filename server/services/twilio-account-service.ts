import type { AppDeps } from '../http/deps.ts';
import { maskSecret } from '../phone-config/masking.ts';
import { loadStoredTwilio, loadTwilioCredentials, openStoredTwilio, saveStoredTwilio, type TwilioCredentials } from '../store/phone-config-store.ts';
import { runExclusively } from '../store/exclusive-run.ts';
import type { StoredTwilio } from '../store/schema.ts';
import { apiError, invalidInput, issue } from '../http/errors.ts';
import { describeTwilioError, readFromTwilio } from '../twilio/errors.ts';
import {
  cleanupAccount,
  ensureVoiceApp,
  primaryAuthToken,
  summaryOf,
  TWIML_APP_FRIENDLY_NAME,
  type TwilioAccountSummary,
  validateAccount,
  type VoiceAppResult,
} from '../twilio/provisioning.ts';
import { serverWebhookUrls } from '../twilio/provisioning-urls.ts';
import { createTwilioClient, type TwilioClient } from '../twilio/rest-client.ts';
import { problemView, talkToTwilio, type ProblemView } from './twilio-failure.ts';
import { tidyOldAccount, untidiedOldAccount, type OldNumber, type SwitchCleanup } from './twilio-account-switch.ts';

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
  /** Set when Twilio could not be asked about the account just now, or the stored account cannot be used as it is. */
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

/** The typed token is not the one Twilio signs webhooks with (`primaryAuthToken`; unknown when null). */
function isSecondary(authToken: string, primary: string | null): boolean {
  return primary !== null && primary !== authToken;
}

/** The account as Twilio sees it now (name, status, trial/full); a Twilio failure is shown, not thrown. */
export async function readAccount(deps: AppDeps): Promise<AccountView> {
  const stored = await loadStoredTwilio(deps.store.db);
  const { credentials, unreadable } = openStoredTwilio(stored, deps.secretBox);
  // Sealed with another SECRET_KEY: the account is shown, with what to do (enter the Auth Token again).
  if (unreadable.length > 0) return { ...viewOf(stored, credentials?.authToken ?? null, null), problem: problemView('twilio_secrets_unreadable') };
  if (!credentials) return viewOf(stored, null, null);
  try {
    const account = await clientFor(deps, credentials).api.v2010.accounts(credentials.accountSid).fetch();
    const summary = summaryOf(account);
    const view = viewOf(stored, credentials.authToken, summary);
    // Stored before Step 1 checked it: every webhook fails its signature check.
    return isSecondary(credentials.authToken, primaryAuthToken(account)) ? { ...view, problem: problemView('twilio_secondary_auth_token') } : view;
  } catch (error) {
    const problem = describeTwilioError(error);
    if (!problem) throw error;
    return { ...viewOf(stored, credentials.authToken, null), problem: problemView(problem) };
  }
}

export interface AuthenticateResult extends AccountView {
  created: VoiceAppResult['created'];
  /** Only after switching from another account. */
  previousAccount?: { accountSid: string; cleanup: SwitchCleanup };
}

/**
 * Runs a change of the stored Twilio setup (Step 1, the voice app's repair) after any other one, on
 * this server or on another instance sharing its PostgreSQL database: two at once (a double click, two
 * admins behind a load balancer) would each create an API key and a TwiML App in the customer's
 * account, one of each then stored and the other left there for nobody. The second runs as a re-run,
 * and reuses what the first stored.
 */
export function oneTwilioSetupAtATime<T>(deps: AppDeps, task: () => Promise<T>): Promise<T> {
  return runExclusively(deps.store, 'yobidashi:twilio-setup', task, {
    onLockLost: (error) => deps.logger.warn({ err: error }, 'the lock on the Twilio setup ended before its run did; the run finished'),
  });
}

/**
 * Validates the credentials, makes sure the API key and TwiML App exist (reusing ours on a re-run),
 * then stores everything at once. A Twilio failure stores nothing. Switching accounts tidies the old
 * one afterwards with its own credentials: our key and app deleted, our numbers given back.
 */
export function authenticateAccount(deps: AppDeps, input: { accountSid: string; authToken: string }): Promise<AuthenticateResult> {
  return oneTwilioSetupAtATime(deps, () => authenticateNow(deps, input));
}

async function authenticateNow(deps: AppDeps, input: { accountSid: string; authToken: string }): Promise<AuthenticateResult> {
  const publicUrl = requirePublicUrl(deps);
  const { db } = deps.store;
  const client = clientFor(deps, input);
  const { summary, primaryAuthToken: primary } = await talkToTwilio(() => validateAccount(client, input.accountSid));
  if (isSecondary(input.authToken, primary)) throw invalidInput([issue('authToken', 'twilio_secondary_auth_token')]);

  const stored = await loadStoredTwilio(db);
  const opened = openStoredTwilio(stored, deps.secretBox);
  const sameAccount = stored.accountSid === input.accountSid;
  // A key whose secret we cannot open (never stored, or sealed with another SECRET_KEY) cannot sign tokens: a new one is made.
  const keyUsable = Boolean(stored.apiKeySecretSealed) && !opened.unreadable.includes('apiKeySecret');
  const existing = sameAccount ? { apiKeySid: keyUsable ? stored.apiKeySid : null, twimlAppSid: stored.twimlAppSid } : {};
  const twimlAppSid = existing.twimlAppSid ?? (await talkToTwilio(() => findOurTwimlApp(client, publicUrl)));
  const voiceApp = await talkToTwilio(() => ensureVoiceApp({ client, publicUrl, existing: { ...existing, twimlAppSid } }));

  const next: StoredTwilio = {
    accountSid: input.accountSid,
    authTokenSealed: deps.secretBox.seal(input.authToken),
    apiKeySid: voiceApp.apiKeySid,
    apiKeySecretSealed: voiceApp.apiKeySecret === undefined ? stored.apiKeySecretSealed : deps.secretBox.seal(voiceApp.apiKeySecret),
    twimlAppSid: voiceApp.twimlAppSid,
  };
  // Numbers of the old account, with what to give back to them, read before the bookkeeping is cleared.
  const switching = !sameAccount && Boolean(stored.accountSid);
  const oldNumbers: OldNumber[] = switching
    ? await db.selectFrom('incoming_numbers').select(['number', 'twilio_sid', 'previous_twilio', 'twilio_voice_url']).where('twilio_sid', 'is not', null).execute()
    : [];
  await db.transaction().execute(async (trx) => {
    await saveStoredTwilio(trx, next, deps.now());
    // Each number keeps what it did before until it is given back (tidyOldAccount); without the old
    // account's credentials none can be, and they are forgotten now (the answer lists them).
    if (!sameAccount && !(switching && opened.credentials)) {
      await trx.updateTable('incoming_numbers').set({ twilio_sid: null, previous_twilio: null, twilio_voice_url: null }).execute();
    }
  });
  deps.logger.info({ event: 'twilio_authenticated', accountSid: input.accountSid, created: voiceApp.created, switched: switching }, 'Twilio account saved');

  const result: AuthenticateResult = { ...viewOf(next, input.authToken, summary), created: voiceApp.created };
  if (sameAccount && stored.apiKeySid && stored.apiKeySid !== voiceApp.apiKeySid) await deleteLostKey(deps, client, stored.apiKeySid);
  if (switching && stored.accountSid) {
    const old = opened.credentials;
    const cleanup = old
      ? await tidyOldAccount(deps, { client: clientFor(deps, old), old, numbers: oldNumbers, publicUrl })
      : untidiedOldAccount(stored, oldNumbers, problemView('twilio_secrets_unreadable'));
    result.previousAccount = { accountSid: stored.accountSid, cleanup };
  }
  return result;
}

/**
 * The TwiML App an earlier Step 1 created in this account and could not store (the API key failed
 * after it, 429/5xx): ours by its name AND its Voice URL, so that the App of another server on the same
 * account (a staging one) is never taken over. Without it every retry would add another App.
 */
async function findOurTwimlApp(client: TwilioClient, publicUrl: string): Promise<string | null> {
  const apps = await readFromTwilio('listing the TwiML Apps', () => client.applications.list({ friendlyName: TWIML_APP_FRIENDLY_NAME, limit: 50 }));
  return apps.find((app) => app.voiceUrl === serverWebhookUrls(publicUrl).outgoing)?.sid ?? null;
}

/** Our earlier API key, replaced because its secret was lost: useless, deleted so it does not linger in the Console. */
async function deleteLostKey(deps: AppDeps, client: TwilioClient, apiKeySid: string): Promise<void> {
  try {
    await cleanupAccount(client, { apiKeySid });
  } catch (error) {
    const problem = describeTwilioError(error);
    if (!problem) throw error;
    deps.logger.warn({ apiKeySid, code: problem.code }, 'could not delete the API key whose secret was lost; delete it in the Twilio Console');
  }
}
