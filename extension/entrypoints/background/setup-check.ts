import type { ApiClient } from '@/api/client';
import type { MessageKey } from '@/locales/messages';
import type { SetupCheck } from '@/messaging/protocol';

type Step = SetupCheck['steps'][number];

export interface SetupCheckInputs {
  signedIn: boolean;
  api: ApiClient | null;
  registered: boolean;
  microphone: () => Promise<PermissionState | 'unknown'>;
}

/**
 * "Why can't I call?": tests each link of the chain in order and stops at the first broken one, so the
 * rep sees exactly one thing to fix. `fix` is a key of the UI's dictionary (extension/locales).
 */
export async function checkSetup({ signedIn, api, registered, microphone }: SetupCheckInputs): Promise<SetupCheck> {
  const steps: Step[] = [];
  const done = () => ({ steps });
  const add = (step: Step['step'], ok: boolean, fix: MessageKey) => {
    steps.push({ step, ok, fix: ok ? null : fix });
    return ok;
  };

  if (!add('signedIn', signedIn && api !== null, 'check.signed-in.fix') || !api) return done();
  const mic = await microphone().catch(() => 'unknown' as const);
  if (!add('microphone', mic !== 'denied' && mic !== 'prompt', 'check.microphone.fix')) return done();
  const me = await api.me().catch((error: unknown) => error);
  if (!add('server', !(me instanceof Error), 'check.server.fix') || me instanceof Error) return done();
  const token = await api.token().catch((error: unknown) => error);
  const tokenFix: MessageKey =
    token instanceof Error && 'kind' in token && token.kind === 'not_configured' ? 'check.token.twilioNotConfigured.fix' : 'check.token.fix';
  if (!add('token', !(token instanceof Error), tokenFix)) return done();
  if (!add('registered', registered, 'check.device.fix')) return done();
  add('outgoingNumber', (me as { outgoingNumber: string | null }).outgoingNumber !== null, 'check.outgoing-number.fix');
  return done();
}

/** Microphone permission of the extension's origin (granted once in the visible microphone tab). */
export async function microphonePermission(): Promise<PermissionState | 'unknown'> {
  if (!navigator.permissions) return 'unknown';
  const status = await navigator.permissions.query({ name: 'microphone' as PermissionName });
  return status.state;
}
