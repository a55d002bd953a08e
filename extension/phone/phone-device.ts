import { z } from 'zod';
import { callInfoSchema, type CallInfo } from './call-info';
import { networkChangeSchema, type NetworkChange } from './call-network';

/**
 * Our own interface to the phone. Only `twilio-device.ts` knows the Twilio SDK; everything else
 * (and the browser tests, which replace the SDK at build time) talks to this.
 */
export interface PhoneDevice {
  readonly registration: 'unregistered' | 'registering' | 'registered' | 'destroyed';
  readonly isBusy: boolean;
  register(): Promise<void>;
  unregister(): Promise<void>;
  connect(request: ConnectRequest): Promise<void>;
  accept(callId: string): void;
  reject(callId: string): void;
  hangUp(callId?: string): void;
  mute(muted: boolean): void;
  sendDigits(digits: string): void;
  setAudioDevices(choice: AudioChoice): Promise<void>;
  updateToken(token: string): void;
  destroy(): void;
  on<K extends keyof PhoneDeviceEvents>(event: K, listener: PhoneDeviceEvents[K]): () => void;
}

export interface ConnectRequest {
  /** Our id for the call, chosen by the caller so the UI can show "dialing" before the SDK answers. */
  callId: string;
  /** TwiML App parameters: `To` plus the CRM record (see call-params.ts). */
  params: Record<string, string>;
  call: CallInfo;
}

export const audioChoiceSchema = z.object({
  inputDeviceId: z.string().max(256).nullable(),
  outputDeviceId: z.string().max(256).nullable(),
  ringtoneDeviceId: z.string().max(256).nullable(),
  /** 0..1 */
  ringtoneVolume: z.number().min(0).max(1),
});
export type AudioChoice = z.infer<typeof audioChoiceSchema>;

export const callProgressSchema = z.enum(['ringing', 'accepted', 'disconnected', 'canceled', 'rejected', 'failed']);
export type CallProgress = z.infer<typeof callProgressSchema>;

/** The device's events, as they cross from the offscreen document to the background. */
export const phoneEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registering') }),
  z.object({ kind: z.literal('registered') }),
  z.object({ kind: z.literal('unregistered') }),
  z.object({ kind: z.literal('incoming'), call: callInfoSchema }),
  z.object({
    kind: z.literal('callStateChanged'),
    callId: z.string(),
    progress: callProgressSchema,
    callSid: z.string().nullable(),
  }),
  z.object({ kind: z.literal('muted'), callId: z.string(), muted: z.boolean() }),
  z.object({ kind: z.literal('network'), callId: z.string(), change: networkChangeSchema }),
  z.object({ kind: z.literal('error'), code: z.number(), message: z.string(), callId: z.string().nullable() }),
  z.object({ kind: z.literal('tokenWillExpire') }),
]);
export type PhoneEvent = z.infer<typeof phoneEventSchema>;

export interface PhoneDeviceEvents {
  registering: () => void;
  registered: () => void;
  unregistered: () => void;
  incoming: (call: CallInfo) => void;
  callStateChanged: (callId: string, progress: CallProgress, callSid: string | null) => void;
  muted: (callId: string, muted: boolean) => void;
  /** The call's connection dropped or came back, or its quality changed (call-network.ts). */
  network: (callId: string, change: NetworkChange) => void;
  error: (code: number, message: string, callId: string | null) => void;
  tokenWillExpire: () => void;
}

/** Forwards every device event as one serialisable `PhoneEvent`. */
export function onEveryPhoneEvent(device: PhoneDevice, emit: (event: PhoneEvent) => void): () => void {
  const offs = [
    device.on('registering', () => emit({ kind: 'registering' })),
    device.on('registered', () => emit({ kind: 'registered' })),
    device.on('unregistered', () => emit({ kind: 'unregistered' })),
    device.on('incoming', (call) => emit({ kind: 'incoming', call })),
    device.on('callStateChanged', (callId, progress, callSid) =>
      emit({ kind: 'callStateChanged', callId, progress, callSid }),
    ),
    device.on('muted', (callId, muted) => emit({ kind: 'muted', callId, muted })),
    device.on('network', (callId, change) => emit({ kind: 'network', callId, change })),
    device.on('error', (code, message, callId) => emit({ kind: 'error', code, message, callId })),
    device.on('tokenWillExpire', () => emit({ kind: 'tokenWillExpire' })),
  ];
  return () => offs.forEach((off) => off());
}
