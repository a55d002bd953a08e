import { z } from 'zod';
import { TwilioAccountNotUsableError } from './errors.ts';
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

/**
 * Step 1: fetch the account with the admin's credentials (`client` was built from them).
 * Wrong SID/token → Twilio's RestException 20003 (see `describeTwilioError`); suspended or closed →
 * `TwilioAccountNotUsableError`.
 */
export async function validateAccount(client: TwilioClient, accountSid: string): Promise<TwilioAccountSummary> {
  const account = await client.api.v2010.accounts(accountSid).fetch();
  const summary = TwilioAccountSummary.parse({
    sid: account.sid,
    friendlyName: account.friendlyName ?? '',
    status: account.status,
    type: account.type,
  });
  if (summary.status !== 'active') throw new TwilioAccountNotUsableError(summary.status);
  return summary;
}

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
  const current = existingSid === null ? null : await fetchOrNull(() => client.applications(existingSid).fetch());
  if (current === null) {
    const app = await client.applications.create({ friendlyName: TWIML_APP_FRIENDLY_NAME, ...wanted });
    return { sid: app.sid, created: true, updated: false };
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
  const current = existingSid === null ? null : await fetchOrNull(() => client.keys(existingSid).fetch());
  if (current !== null) return { sid: current.sid, created: false, secret: undefined };
  const key = await client.newKeys.create({ friendlyName: API_KEY_FRIENDLY_NAME });
  return { sid: key.sid, created: true, secret: key.secret };
}
