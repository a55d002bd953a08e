import { removeIfPresent } from './provisioning-not-found.ts';
import type { TwilioClient } from './rest-client.ts';

/**
 * When the admin switches Twilio accounts: delete the API key and TwiML App we created in the old one.
 * `client` must carry the OLD account's credentials. Already deleted (20404) counts as done.
 */
export async function cleanupAccount(
  client: TwilioClient,
  { apiKeySid, twimlAppSid }: { apiKeySid?: string | null; twimlAppSid?: string | null },
): Promise<{ apiKeyDeleted: boolean; twimlAppDeleted: boolean }> {
  const twimlAppDeleted = twimlAppSid ? await removeIfPresent(() => client.applications(twimlAppSid).remove()) : false;
  const apiKeyDeleted = apiKeySid ? await removeIfPresent(() => client.keys(apiKeySid).remove()) : false;
  return { apiKeyDeleted, twimlAppDeleted };
}
