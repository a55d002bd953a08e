import { z } from 'zod';
import type { OffscreenMessage } from '@/messaging/protocol';
import { callInfoSchema, type CallInfo } from './call-info';
import { onEveryPhoneEvent, type PhoneDevice, type PhoneEvent } from './phone-device';

export type DeviceFactory = (token: string) => PhoneDevice;

export interface DeviceStatus {
  registration: PhoneDevice['registration'] | 'none';
  busy: boolean;
}

/** A call the device is working on right now, as the offscreen document (the source of truth) sees it. */
export const liveCallSchema = z.object({
  call: callInfoSchema,
  phase: z.enum(['dialing', 'ringing-out', 'incoming', 'in-call']),
  /** When this phase began (answered, for an in-call one). */
  since: z.number(),
  muted: z.boolean(),
});
export type LiveCall = z.infer<typeof liveCallSchema>;

/** The answer to `getPhoneSnapshot`: what a restarted background re-syncs from. */
export const phoneSnapshotSchema = z.object({
  registration: z.enum(['unregistered', 'registering', 'registered', 'destroyed', 'none']),
  busy: z.boolean(),
  calls: z.array(liveCallSchema),
});
export type PhoneSnapshot = z.infer<typeof phoneSnapshotSchema>;

/**
 * How long a command waits for Twilio to confirm a registration; the SDK goes on trying after that. Past
 * the SDK's own first connection attempt (5 s, lib/twilio/wstransport.ts), and shorter than a call's
 * wait for a connecting phone (call-control.ts READY_WAIT_MS), so that call is told the real reason.
 */
export const REGISTER_WAIT_MS = 6_000;

/** Resolves when `work` settles or after `ms`, whichever comes first (never rejects). */
async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work.catch(() => undefined), elapsed]).finally(() => clearTimeout(timer));
}

/** A failure the background reads by its code (the router answers `{ ok: false, error: { code } }`). */
const hostError = (code: string, message: string) => Object.assign(new Error(message), { code });

/**
 * The code of an answer or decline that came too late: the device no longer has the call (the caller hung
 * up, or a colleague answered, a moment before), and the SDK's word of it is on its way to the background.
 */
export const CALL_GONE = 'call_gone';
export const callGoneError = (callId: string) => hostError(CALL_GONE, `No call ${callId}`);
const hasCode = (error: unknown) => typeof (error as { code?: unknown } | null)?.code === 'string';

/**
 * Owns the one PhoneDevice and carries out the background's commands. Runs in the offscreen document on
 * Chrome, and inside the background page on Firefox (which has no offscreen documents).
 * Every command answers within a bounded time: the SDK's register() and connect() wait for Twilio's
 * signalling connection, which never comes when a firewall blocks Twilio.
 */
export function createPhoneHost(
  createDevice: DeviceFactory,
  emit: (event: PhoneEvent) => void,
  now = () => Date.now(),
  registerWaitMs = REGISTER_WAIT_MS,
) {
  let device: PhoneDevice | null = null;
  const live = new Map<string, LiveCall>();
  let stopForwarding: (() => void) | null = null;
  /** The device being destroyed: only the ends of its calls are still worth telling the background. */
  let retiring = false;
  let registering: Promise<void> | null = null;
  /** Outgoing calls the SDK is still setting up, by our id: hanging one up abandons it. */
  const connecting = new Map<string, () => void>();

  const status = (): DeviceStatus => ({ registration: device?.registration ?? 'none', busy: device?.isBusy ?? false });

  /**
   * Registers unless already (being) registered; a registration that died silently is restored here.
   * Answers once registered, as soon as the SDK reports that it cannot reach Twilio (an error that is
   * about no call), or after REGISTER_WAIT_MS (a firewall that drops packets says nothing), with the
   * registration still under way: the SDK goes on trying, and reports 'registered' if it gets through.
   */
  const ensureRegistered = async (): Promise<DeviceStatus> => {
    const phone = device;
    if (!phone) return status();
    let stopListening = () => {};
    const unreachable = new Promise<void>((resolve) => {
      stopListening = phone.on('error', (_code, _message, callId) => callId === null && resolve());
    });
    if (phone.registration === 'unregistered' && !registering) {
      const attempt: Promise<void> = phone
        .register()
        .catch(() => undefined)
        .finally(() => {
          if (registering === attempt) registering = null;
        });
      registering = attempt;
    }
    if (registering) await atMost(Promise.race([registering, unreachable]), registerWaitMs);
    stopListening();
    return status();
  };

  /** Follows each call's phase from the events it forwards, so a restarted background can ask for it. */
  const track = (event: PhoneEvent) => {
    if (event.kind === 'incoming') live.set(event.call.callId, { call: event.call, phase: 'incoming', since: now(), muted: false });
    if (event.kind === 'error' && event.callId) live.delete(event.callId);
    if (event.kind === 'muted') {
      const known = live.get(event.callId);
      if (known) live.set(event.callId, { ...known, muted: event.muted });
    }
    if (event.kind === 'callStateChanged') {
      const known = live.get(event.callId);
      if (event.progress === 'ringing' && known?.phase === 'dialing') live.set(event.callId, { ...known, phase: 'ringing-out' });
      else if (event.progress === 'accepted' && known) {
        const call: CallInfo = event.callSid && !known.call.callSid ? { ...known.call, callSid: event.callSid } : known.call;
        live.set(event.callId, { call, phase: 'in-call', since: now(), muted: false });
      } else if (event.progress !== 'ringing' && event.progress !== 'accepted') live.delete(event.callId);
    }
  };
  const forward = (event: PhoneEvent) => {
    if (retiring && event.kind !== 'callStateChanged') return;
    track(event);
    emit(event);
  };

  const snapshot = (): PhoneSnapshot => ({ ...status(), calls: [...live.values()] });

  const destroy = () => {
    for (const abandon of connecting.values()) abandon();
    connecting.clear();
    registering = null;
    // Destroyed while still heard: the SDK hangs up its calls, and their ends reach the background (a call
    // unheard of would stay "ringing" or "in call" there, with no phone left to end it).
    retiring = true;
    try {
      device?.destroy();
    } finally {
      retiring = false;
      stopForwarding?.();
      stopForwarding = null;
      device = null;
      live.clear();
    }
  };

  const need = () => {
    if (!device) throw hostError('phone_not_started', 'The phone is not started');
    return device;
  };

  /** Answering or declining throws only for a call the device does not have (any more): `call_gone`. */
  const onCall = (callId: string, act: (phone: PhoneDevice) => void) => {
    const phone = need();
    try {
      act(phone);
    } catch (error) {
      throw hasCode(error) ? error : callGoneError(callId);
    }
  };

  async function handle(message: OffscreenMessage): Promise<unknown> {
    switch (message.type) {
      case 'initDevice': {
        destroy();
        device = createDevice(message.token);
        stopForwarding = onEveryPhoneEvent(device, forward);
        await atMost(device.setAudioDevices(message.audio), registerWaitMs);
        return ensureRegistered();
      }
      case 'updateToken':
        need().updateToken(message.token);
        // After an expired-token error the SDK has stopped re-registering; a fresh token lets us register again.
        return ensureRegistered();
      case 'ensureRegistered':
        return ensureRegistered();
      case 'connect': {
        const phone = need();
        const { callId } = message;
        live.set(callId, { call: message.call, phase: 'dialing', since: now(), muted: false });
        let abandon = () => {};
        const abandoned = new Promise<'abandoned'>((resolve) => (abandon = () => resolve('abandoned')));
        connecting.set(callId, abandon);
        const connected = phone.connect({ callId, params: message.params, call: message.call }).then(() => 'connected' as const);
        try {
          if ((await Promise.race([connected, abandoned])) === 'abandoned') {
            // The SDK may still hand the call over later (Twilio came back): it is hung up the moment it exists.
            connected.then(() => phone.hangUp(callId), () => undefined);
            throw hostError('canceled', 'The call was abandoned before Twilio took it');
          }
          return null;
        } catch (error) {
          live.delete(callId);
          throw error;
        } finally {
          connecting.delete(callId);
        }
      }
      case 'accept':
        onCall(message.callId, (phone) => phone.accept(message.callId));
        return null;
      case 'reject':
        onCall(message.callId, (phone) => phone.reject(message.callId));
        return null;
      case 'hangUp': {
        const abandon = message.callId ? connecting.get(message.callId) : undefined;
        if (abandon) abandon();
        else need().hangUp(message.callId);
        return null;
      }
      case 'mute':
        need().mute(message.muted);
        return null;
      case 'sendDigits':
        need().sendDigits(message.digits);
        return null;
      case 'setAudioDevices':
        await device?.setAudioDevices(message.audio);
        return null;
      case 'destroyDevice':
        destroy();
        return null;
      case 'getPhoneSnapshot':
        return snapshot();
    }
  }

  return { handle, status, snapshot };
}
export type PhoneHost = ReturnType<typeof createPhoneHost>;
