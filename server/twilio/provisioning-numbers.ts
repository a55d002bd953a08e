import { z } from 'zod';
import { parseTwilioReply, readFromTwilio, type AdminMessage } from './errors.ts';
import { fetchOrNull } from './provisioning-not-found.ts';
import { ourVoiceUrls, serverWebhookUrls } from './provisioning-urls.ts';
import type { TwilioClient } from './rest-client.ts';

/** A number's voice routing as Twilio had it; '' = not set. Stored so that deleting the number restores it. */
export const NumberVoiceSettings = z.object({
  voiceUrl: z.string(),
  voiceMethod: z.string(),
  voiceFallbackUrl: z.string(),
  voiceFallbackMethod: z.string(),
  statusCallback: z.string(),
  statusCallbackMethod: z.string(),
  voiceApplicationSid: z.string(),
  trunkSid: z.string(),
});
export type NumberVoiceSettings = z.infer<typeof NumberVoiceSettings>;

/** What answers a number now; `this-server`: this server, though it is no incoming number here (see `strayUsage`). */
export type NumberUsage = { kind: 'voice-url' | 'application' | 'trunk' | 'this-server'; target: string; message: AdminMessage };

export type IncomingNumber = {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string;
  voiceApplicationSid: string;
  trunkSid: string;
  statusCallback: string;
  capabilities: { voice: boolean; sms: boolean; mms: boolean; fax: boolean };
  /** Answering calls elsewhere: pointing it here takes it away from there (the UI warns first). */
  inUseElsewhere: boolean;
  usedBy: NumberUsage | null;
};

const unset = z.string().nullish();

/**
 * The fields of twilio-node's IncomingPhoneNumberInstance we read (null or '' when unset), checked:
 * the library builds an instance from any JSON object, so a proxy's `{}` would be a number without
 * SID or phone number.
 */
const TwilioNumberReply = z.object({
  sid: z.string().regex(/^PN[0-9a-fA-F]{32}$/),
  phoneNumber: z.string().min(1),
  friendlyName: unset,
  voiceUrl: unset,
  voiceMethod: unset,
  voiceFallbackUrl: unset,
  voiceFallbackMethod: unset,
  statusCallback: unset,
  statusCallbackMethod: unset,
  voiceApplicationSid: unset,
  trunkSid: unset,
  capabilities: z.object({ voice: z.boolean().optional(), sms: z.boolean().optional(), mms: z.boolean().optional(), fax: z.boolean().optional() }).nullish(),
});
export type TwilioNumber = z.infer<typeof TwilioNumberReply>;

/** The number `sid` (FetchIncomingPhoneNumber), its reply checked. */
export async function fetchNumber(client: TwilioClient, sid: string): Promise<TwilioNumber> {
  return parseTwilioReply(TwilioNumberReply, await client.incomingPhoneNumbers(sid).fetch(), `fetching number ${sid}`);
}

// A freshly bought number answers with Twilio's demo TwiML: nobody is using it yet.
const TWILIO_DEMO_HOST = 'demo.twilio.com';

/** `pointedAt`: the Voice URL we set on each number we connected, by SID (see `ourVoiceUrls`). */
export async function listIncomingNumbers(
  client: TwilioClient,
  { publicUrl, pageSize = 1000, pointedAt }: { publicUrl: string; pageSize?: number; pointedAt?: ReadonlyMap<string, string | null> },
): Promise<IncomingNumber[]> {
  const numbers = await listTwilioNumbers(client, { pageSize });
  return numbers.map((number) => describeNumber(number, publicUrl, pointedAt?.get(number.sid)));
}

/** Every number the account owns (ListIncomingPhoneNumber), as Twilio answers them, the replies checked. */
export async function listTwilioNumbers(client: TwilioClient, { pageSize = 1000 }: { pageSize?: number } = {}): Promise<TwilioNumber[]> {
  const listed = await readFromTwilio('listing the numbers', () => client.incomingPhoneNumbers.list({ pageSize }));
  return parseTwilioReply(z.array(TwilioNumberReply), listed, 'listing the numbers');
}

/** `pointedAt`: the Voice URL we set on it when we connected it, if we did (our old address counts as ours). */
export function describeNumber(number: TwilioNumber, publicUrl: string, pointedAt?: string | null): IncomingNumber {
  const settings = voiceSettingsOf(number);
  const usedBy = usageOf(settings, publicUrl, pointedAt);
  return {
    sid: number.sid,
    phoneNumber: number.phoneNumber,
    friendlyName: number.friendlyName ?? '',
    voiceUrl: settings.voiceUrl,
    voiceApplicationSid: settings.voiceApplicationSid,
    trunkSid: settings.trunkSid,
    statusCallback: settings.statusCallback,
    capabilities: {
      voice: number.capabilities?.voice ?? false,
      sms: number.capabilities?.sms ?? false,
      mms: number.capabilities?.mms ?? false,
      fax: number.capabilities?.fax ?? false,
    },
    inUseElsewhere: usedBy !== null,
    usedBy,
  };
}

function usageOf(settings: NumberVoiceSettings, publicUrl: string, pointedAt?: string | null): NumberUsage | null {
  // Precedence as Twilio applies it: a trunk wins over an application, which wins over the Voice URL.
  if (settings.trunkSid) {
    return { kind: 'trunk', target: settings.trunkSid, message: { en: `Elastic SIP trunk ${settings.trunkSid}`, ja: `Elastic SIP トランク ${settings.trunkSid}` } };
  }
  if (settings.voiceApplicationSid) {
    const sid = settings.voiceApplicationSid;
    return { kind: 'application', target: sid, message: { en: `TwiML App ${sid}`, ja: `TwiML アプリ ${sid}` } };
  }
  const url = settings.voiceUrl;
  if (!url || ourVoiceUrls(publicUrl, pointedAt).includes(url) || hostOf(url) === TWILIO_DEMO_HOST) return null;
  return { kind: 'voice-url', target: url, message: { en: `Voice URL ${url}`, ja: `音声 URL ${url}` } };
}

/** Twilio sends the number's calls to one of `ours` (no TwiML App or trunk overriding its Voice URL). */
export function pointsAt(settings: Pick<NumberVoiceSettings, 'voiceUrl' | 'voiceApplicationSid' | 'trunkSid'>, ours: readonly string[]): boolean {
  return ours.includes(settings.voiceUrl) && !settings.voiceApplicationSid && !settings.trunkSid;
}

export function voiceSettingsOf(number: TwilioNumber): NumberVoiceSettings {
  return {
    voiceUrl: number.voiceUrl ?? '',
    voiceMethod: number.voiceMethod ?? '',
    voiceFallbackUrl: number.voiceFallbackUrl ?? '',
    voiceFallbackMethod: number.voiceFallbackMethod ?? '',
    statusCallback: number.statusCallback ?? '',
    statusCallbackMethod: number.statusCallbackMethod ?? '',
    voiceApplicationSid: number.voiceApplicationSid ?? '',
    trunkSid: number.trunkSid ?? '',
  };
}

export type PointNumberResult = {
  number: IncomingNumber;
  /** What to store for `restoreNumber`; null when the number already pointed here (keep what you stored then). */
  previous: NumberVoiceSettings | null;
  wasInUseElsewhere: boolean;
};

/**
 * Step 2, saving a number: Twilio calls `PUBLIC_URL/twilio/voice` for it from now on.
 * The trap: while a number has a VoiceApplicationSid or TrunkSid, Twilio ignores its Voice URL
 * (spec text of UpdateIncomingPhoneNumber), so those are cleared with an empty value. The OpenAPI
 * spec's SID patterns cannot express "clear"; Twilio itself reports cleared SIDs as "" — hence the
 * clear is sent only when something is set.
 */
export async function pointNumberAtServer(
  client: TwilioClient,
  { sid, publicUrl, pointedAt }: { sid: string; publicUrl: string; pointedAt?: string | null },
): Promise<PointNumberResult> {
  const urls = serverWebhookUrls(publicUrl);
  const before = voiceSettingsOf(await fetchNumber(client, sid));
  const usage = usageOf(before, publicUrl, pointedAt);
  // At our old address (PUBLIC_URL changed) it is ours all the same: nothing new to give back.
  const alreadyHere = pointsAt(before, ourVoiceUrls(publicUrl, pointedAt));
  const updated = await client.incomingPhoneNumbers(sid).update({
    voiceUrl: urls.voice,
    voiceMethod: 'POST',
    voiceFallbackUrl: urls.fallback,
    voiceFallbackMethod: 'POST',
    statusCallback: urls.status,
    statusCallbackMethod: 'POST',
    ...(before.voiceApplicationSid ? { voiceApplicationSid: '' } : {}),
    ...(before.trunkSid ? { trunkSid: '' } : {}),
  });
  return { number: describeNumber(parseTwilioReply(TwilioNumberReply, updated, `updating number ${sid}`), publicUrl), previous: alreadyHere ? null : before, wasInUseElsewhere: usage !== null };
}

export type RestoreResult =
  | { restored: true; number: IncomingNumber }
  | { restored: false; reason: 'number-gone' | 'changed-elsewhere' };

/**
 * Deleting a number in the product: put back what was there before we pointed it here, or clear our
 * URLs when nothing was. With `publicUrl`, a number that someone re-pointed elsewhere since is left
 * alone; one still at the address we set (`pointedAt`, from before PUBLIC_URL changed) is ours.
 */
export async function restoreNumber(
  client: TwilioClient,
  { sid, previous, publicUrl, pointedAt }: { sid: string; previous: NumberVoiceSettings | null; publicUrl?: string; pointedAt?: string | null },
): Promise<RestoreResult> {
  const current = await fetchOrNull(() => fetchNumber(client, sid));
  if (current === null) return { restored: false, reason: 'number-gone' };
  if (publicUrl !== undefined && !pointsAt(voiceSettingsOf(current), ourVoiceUrls(publicUrl, pointedAt))) {
    return { restored: false, reason: 'changed-elsewhere' };
  }
  const updated = parseTwilioReply(TwilioNumberReply, await client.incomingPhoneNumbers(sid).update(restoreParams(previous)), `updating number ${sid}`);
  return { restored: true, number: describeNumber(updated, publicUrl ?? '') };
}

const httpMethod = z.enum(['GET', 'POST']);

export function restoreParams(previous: NumberVoiceSettings | null) {
  const p = previous ?? NumberVoiceSettings.parse({
    voiceUrl: '', voiceMethod: '', voiceFallbackUrl: '', voiceFallbackMethod: '',
    statusCallback: '', statusCallbackMethod: '', voiceApplicationSid: '', trunkSid: '',
  });
  // Methods are enums in the API: an unset one is left as is rather than sent empty.
  const method = (value: string) => httpMethod.safeParse(value.toUpperCase()).data;
  const voiceMethod = method(p.voiceMethod);
  const voiceFallbackMethod = method(p.voiceFallbackMethod);
  const statusCallbackMethod = method(p.statusCallbackMethod);
  return {
    voiceUrl: p.voiceUrl,
    voiceFallbackUrl: p.voiceFallbackUrl,
    statusCallback: p.statusCallback,
    ...(voiceMethod ? { voiceMethod } : {}),
    ...(voiceFallbackMethod ? { voiceFallbackMethod } : {}),
    ...(statusCallbackMethod ? { statusCallbackMethod } : {}),
    // Setting one of these makes Twilio drop the other (spec text), so only the one that was set is sent.
    ...(p.trunkSid ? { trunkSid: p.trunkSid } : p.voiceApplicationSid ? { voiceApplicationSid: p.voiceApplicationSid } : {}),
  };
}

function hostOf(url: string): string | null {
  return URL.parse(url)?.hostname ?? null;
}
