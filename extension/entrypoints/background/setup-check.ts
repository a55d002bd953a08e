import type { MessageKey } from '@/locales/messages';
import type { SetupCheck } from '@/messaging/protocol';
import type { PhoneStatus } from '@/phone/phone-status';

type Step = SetupCheck['steps'][number];

/**
 * What the check decides on, gathered by the phone controller the way the header's status is
 * (`setupFacts`): the same status, read after the server was asked again. null: not asked (an earlier
 * link is broken).
 */
export interface SetupFacts {
  signedIn: boolean;
  microphone: PermissionState | 'unknown';
  server: 'ok' | 'failed' | null;
  token: 'ok' | 'not-configured' | 'failed' | null;
  online: boolean;
  status: PhoneStatus;
  outgoingNumber: string | null;
}

/** What stops the phone from reaching Twilio, for a rep who is online: the cause and the one thing to do. */
const TWILIO_FIX: Partial<Record<PhoneStatus, MessageKey>> = {
  connecting: 'check.device.connecting.fix',
  'twilio-unreachable': 'check.device.fix',
  'server-unreachable': 'check.server.fix',
  'no-microphone': 'check.microphone.device.fix',
};

/**
 * "Why can't I call?": each link of the chain in order, stopping at the first broken one, so the rep
 * sees exactly one thing to fix, worded for its actual cause. `fix` is a key of the UI's dictionary
 * (extension/locales). A pure function of the facts, which are the header's: the two never disagree.
 */
export function checkSetup(facts: SetupFacts): SetupCheck {
  const steps: Step[] = [];
  const add = (step: Step['step'], fix: MessageKey | null) => {
    steps.push({ step, ok: fix === null, fix });
    return fix === null;
  };
  const micBlocked = facts.microphone === 'denied' || facts.microphone === 'prompt';

  const chain: [Step['step'], MessageKey | null][] = [
    ['signedIn', facts.signedIn ? null : 'check.signed-in.fix'],
    ['microphone', micBlocked ? 'check.microphone.fix' : facts.status === 'no-microphone' ? 'check.microphone.device.fix' : null],
    ['server', facts.server === 'ok' ? null : 'check.server.fix'],
    [
      'token',
      facts.token === 'ok' ? null : facts.token === 'not-configured' ? 'check.token.twilioNotConfigured.fix' : 'check.token.fix',
    ],
    ['online', facts.online ? null : 'check.online.fix'],
    ['twilio', facts.status === 'ready' ? null : (TWILIO_FIX[facts.status] ?? 'check.device.fix')],
    ['outgoingNumber', facts.outgoingNumber !== null ? null : 'check.outgoing-number.fix'],
  ];
  for (const [step, fix] of chain) if (!add(step, fix)) break;
  return { steps };
}

/** Microphone permission of the extension's origin (granted once in the visible microphone tab). */
export async function microphonePermission(): Promise<PermissionState | 'unknown'> {
  if (!navigator.permissions) return 'unknown';
  const status = await navigator.permissions.query({ name: 'microphone' as PermissionName });
  return status.state;
}
