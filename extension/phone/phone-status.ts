import { z } from 'zod';
import type { MessageKey } from '@/locales/messages';
import { PHONE_STATUSES } from '@/models/phone-state';

export const phoneStatusSchema = z.enum(PHONE_STATUSES);
export type PhoneStatus = z.infer<typeof phoneStatusSchema>;

/** The dictionary's keys (extension/locales) for the status line and the "what to do" hint beside it. */
export function phoneStatusText(status: PhoneStatus): { label: MessageKey; help: MessageKey } {
  return { label: `status.${status}`, help: `status.${status}.help` };
}

export type DeviceRegistration = 'unregistered' | 'registering' | 'registered';

/** The last thing that went wrong, by the link of the chain that broke. */
export type PhoneProblem = 'microphone' | 'server' | 'twilio' | null;

export interface PhoneStatusInputs {
  signedIn: boolean;
  wantsOnline: boolean;
  registration: DeviceRegistration;
  problem: PhoneProblem;
}

export function phoneStatus({ signedIn, wantsOnline, registration, problem }: PhoneStatusInputs): PhoneStatus {
  if (!signedIn || !wantsOnline) return 'offline';
  if (problem === 'microphone') return 'no-microphone';
  if (problem === 'server') return 'server-unreachable';
  if (registration === 'registered') return 'ready';
  if (problem === 'twilio') return 'twilio-unreachable';
  return 'connecting';
}

/**
 * Twilio error codes mapped to the broken link (lib/twilio/errors/generated.ts).
 * 31401/31402: microphone denied / not acquired. 20101/20104/31205/31207: token problems, fixed by a new
 * token from our server. 31005/53000/31000/31009: signalling or media connection to Twilio.
 */
export function problemForTwilioError(code: number): PhoneProblem | 'token' {
  if (code === 31401 || code === 31402 || code === 31208) return 'microphone';
  if (code === 20101 || code === 20104 || code === 31205 || code === 31204 || code === 31207) return 'token';
  return 'twilio';
}

export function isExpiredTokenError(code: number): boolean {
  return code === 20104 || code === 31205;
}
