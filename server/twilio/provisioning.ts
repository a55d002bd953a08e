import { z } from 'zod';
import { parseTwilioReply, TwilioAccountNotUsableError } from './errors.ts';
import { fetchOrNull } from './provisioning-not-found.ts';
import { serverWebhookUrls } from './provisioning-urls.ts';
import type { TwilioClient } from './rest-client.ts';

export { cleanupAccount } from './provisioning-cleanup.ts';
export { listIncomingNumbers, pointNumberAtServer, restoreNumber } from './provisioning-numbers.ts';

export const TwilioAccountSummary = z.object({
  sid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  friendlyName: z.string(),
  status: z.enum(['active', 'suspended', 'closed']),
  type: z.enum(['Trial', 'Full']),
});
export type TwilioAccountSummary = z.infer<typeof TwilioAccountSummary>;

export interface ValidatedAccount {
  summary: TwilioAccountSummary;
  /** See `primaryAuthToken`: Step 1 refuses the secondary one. */
  primaryAuthToken: string | null;
}

/**
 * Step 1: fetch the account with the admin's credentials (`client` was built from them), once.
 * Wrong SID/token → Twilio's RestException 20003 (see `describeTwilioError`); suspended or closed →
 * `TwilioAccountNotUsableError`; a reply of another shape → `UnexpectedTwilioReplyError`.
 */
export async function validateAccount(client: TwilioClient, accountSid: string): Promise<ValidatedAccount> {
  const account = await client.api.v2010.accounts(accountSid).fetch();
  const summary = summaryOf(account);
  if (summary.status !== 'active') throw new TwilioAccountNotUsableError(summary.status);
  return { summary, primaryAuthToken: primaryAuthToken(account) };
}

/**
 * The token Twilio signs its webhooks with, as FetchAccount answers it (`auth_token`, whichever token
 * authenticated the request): REST also accepts the secondary Auth Token, signatures never use it
 * (shared/reference/twilio.md §1.1). Null when Twilio did not send a token.
 */
export function primaryAuthToken(account: { authToken?: string | null }): string | null {
  return typeof account.authToken === 'string' && /^[0-9a-fA-F]{32}$/.test(account.authToken) ? account.authToken : null;
}

/** What we read of the account (FetchAccount), checked: the library builds an account from any JSON object, `{}` too. */
export function summaryOf(account: { sid?: unknown; friendlyName?: unknown; status?: unknown; type?: unknown }): TwilioAccountSummary {
  const reply = { sid: account.sid, friendlyName: account.friendlyName ?? '', status: account.status, type: account.type };
  return parseTwilioReply(TwilioAccountSummary, reply, 'fetching the account');
}

// What we read of a TwiML App and of an API key (a new key's secret is shown only once).
export const ApplicationReply = z.object({
  sid: z.string().regex(/^AP[0-9a-fA-F]{32}$/),
  voiceUrl: z.string().nullish(),
  voiceMethod: z.string().nullish(),
  statusCallback: z.string().nullish(),
  statusCallbackMethod: z.string().nullish(),
});
export const KeyReply = z.object({ sid: z.string().regex(/^SK[0-9a-fA-F]{32}$/) });
const NewKeyReply = KeyReply.extend({ secret: z.string().min(1) });

export const API_KEY_FRIENDLY_NAME = 'Yobidashi voice tokens';
export const TWIML_APP_FRIENDLY_NAME = 'Yobidashi outgoing calls';

export type VoiceAppState = { apiKeySid?: string | null; twimlAppSid?: string | null };

export type VoiceAppResult = {
  apiKeySid: string;
  /** Only when the key was created by this call: Twilio never shows the secret again, store it now. */
  apiKeySecret?: string;
  twimlAppSid: string;
  created: { apiKey: boolean; twimlApp: boolean };
  /** The existing TwiML App pointed elsewhere (PUBLIC_URL changed) and was updated. */
  updatedTwimlApp: boolean;
};

/**
 * Makes sure the account has what outgoing calls need: a TwiML App whose Voice URL is
 * `PUBLIC_URL/twilio/voice/outgoing` and an API key to sign Voice SDK tokens.
 * Idempotent: SIDs in `existing` that still exist on Twilio are reused; ones deleted on Twilio are recreated.
 * Pass `apiKeySid` only when its secret is stored too: a key whose secret is lost is useless.
 */
export async function ensureVoiceApp({
  client,
  publicUrl,
  existing,
}: {
  client: TwilioClient;
  publicUrl: string;
  existing: VoiceAppState;
}): Promise<VoiceAppResult> {
  // The app first: if creating the key came first and the app then failed, the key's secret would be lost.
  const app = await ensureTwimlApp(client, publicUrl, existing.twimlAppSid ?? null);
  const key = await ensureApiKey(client, existing.apiKeySid ?? null);
  return {
    apiKeySid: key.sid,
    ...(key.secret === undefined ? {} : { apiKeySecret: key.secret }),
    twimlAppSid: app.sid,
    created: { apiKey: key.created, twimlApp: app.created },
    updatedTwimlApp: app.updated,
  };
}

async function ensureTwimlApp(client: TwilioClient, publicUrl: string, existingSid: string | null) {
  const urls = serverWebhookUrls(publicUrl);
  const wanted = { voiceUrl: urls.outgoing, voiceMethod: 'POST', statusCallback: urls.status, statusCallbackMethod: 'POST' };
  const fetched = existingSid === null ? null : await fetchOrNull(() => client.applications(existingSid).fetch());
  const current = fetched === null ? null : parseTwilioReply(ApplicationReply, fetched, `fetching TwiML App ${existingSid}`);
  if (current === null) {
    const app = await client.applications.create({ friendlyName: TWIML_APP_FRIENDLY_NAME, ...wanted });
    return { sid: parseTwilioReply(ApplicationReply, app, 'creating the TwiML App').sid, created: true, updated: false };
  }
  const upToDate =
    current.voiceUrl === wanted.voiceUrl &&
    current.voiceMethod === wanted.voiceMethod &&
    current.statusCallback === wanted.statusCallback &&
    current.statusCallbackMethod === wanted.statusCallbackMethod;
  if (!upToDate) await client.applications(current.sid).update(wanted);
  return { sid: current.sid, created: false, updated: !upToDate };
}

async function ensureApiKey(client: TwilioClient, existingSid: string | null) {
  const fetched = existingSid === null ? null : await fetchOrNull(() => client.keys(existingSid).fetch());
  if (fetched !== null) return { sid: parseTwilioReply(KeyReply, fetched, `fetching API key ${existingSid}`).sid, created: false, secret: undefined };
  const key = parseTwilioReply(NewKeyReply, await client.newKeys.create({ friendlyName: API_KEY_FRIENDLY_NAME }), 'creating the API key');
  return { sid: key.sid, created: true, secret: key.secret };
}
