// The only file that imports the Twilio Voice SDK. It is imported by the offscreen document alone, so the
// SDK ends up in that bundle only. Browser tests build with `--mode e2e`, where wxt.config.ts aliases
// '@twilio/voice-sdk' to test/e2e/support/fake-voice-sdk.ts (Twilio is unreachable from test machines).
import { Call, Device } from '@twilio/voice-sdk';
import { incomingCallInfo } from './call-params';
import { callGoneError } from './phone-host';
import type { AudioChoice, ConnectRequest, PhoneDevice, PhoneDeviceEvents } from './phone-device';
import { createRinger } from './ringer';

type Listeners = { [K in keyof PhoneDeviceEvents]: Set<PhoneDeviceEvents[K]> };

export function createTwilioPhoneDevice(token: string): PhoneDevice {
  const device = new Device(token, {
    // Without it an invite during a call is silently dropped and rings out as no-answer; we want call waiting.
    allowIncomingWhileBusy: true,
    closeProtection: false,
    codecPreferences: [Call.Codec.Opus, Call.Codec.PCMU],
    enableImprovedSignalingErrorPrecision: true,
  });
  const listeners: Listeners = {
    registering: new Set(),
    registered: new Set(),
    unregistered: new Set(),
    incoming: new Set(),
    callStateChanged: new Set(),
    muted: new Set(),
    network: new Set(),
    error: new Set(),
    tokenWillExpire: new Set(),
  };
  const emit = <K extends keyof PhoneDeviceEvents>(event: K, ...args: Parameters<PhoneDeviceEvents[K]>) => {
    for (const listener of listeners[event]) (listener as (...a: typeof args) => void)(...args);
  };
  const calls = new Map<string, Call>();
  const ringer = createRinger();
  // Our ringer replaces the SDK's incoming sound (volume, device, and a beep instead of a ring when busy).
  device.audio?.incoming(false);

  // A call being reconnected is still the one talked on: hanging up, muting and keys must reach it.
  const openCall = () => [...calls.values()].find((call) => call.status() === Call.State.Open || call.status() === Call.State.Reconnecting);
  const stopRingingIfNoneLeft = () => {
    if (![...calls.values()].some((call) => call.status() === Call.State.Pending)) ringer.stop();
  };

  const track = (callId: string, call: Call) => {
    calls.set(callId, call);
    const sid = () => call.customParameters.get('parentCallSid') ?? call.parameters.CallSid ?? null;
    const finish = (progress: 'disconnected' | 'canceled' | 'rejected' | 'failed') => {
      if (!calls.delete(callId)) return;
      stopRingingIfNoneLeft();
      if (calls.size === 0) device.audio?.unsetInputDevice().catch(() => undefined);
      emit('callStateChanged', callId, progress, sid());
    };
    call.on('ringing', () => emit('callStateChanged', callId, 'ringing', sid()));
    call.on('accept', () => {
      stopRingingIfNoneLeft();
      emit('callStateChanged', callId, 'accepted', sid());
    });
    call.on('mute', (muted: boolean) => emit('muted', callId, muted));
    // The connection dropped (an ICE restart is under way) and came back; quality warnings come and go.
    call.on('reconnecting', (error?: { code?: number }) => emit('network', callId, { kind: 'reconnecting', code: error?.code ?? null }));
    call.on('reconnected', () => emit('network', callId, { kind: 'reconnected' }));
    call.on('warning', (name: string) => emit('network', callId, { kind: 'warning', name }));
    call.on('warning-cleared', (name: string) => emit('network', callId, { kind: 'warningCleared', name }));
    call.on('cancel', () => finish('canceled'));
    call.on('reject', () => finish('rejected'));
    call.on('disconnect', () => finish('disconnected'));
    call.on('error', (error: { code: number; message: string }) => {
      emit('error', error.code, error.message, callId);
      if (call.status() === Call.State.Closed) finish('failed');
    });
  };

  device.on(Device.EventName.Registering, () => emit('registering'));
  device.on(Device.EventName.Registered, () => emit('registered'));
  device.on(Device.EventName.Unregistered, () => emit('unregistered'));
  device.on(Device.EventName.TokenWillExpire, () => emit('tokenWillExpire'));
  device.on(Device.EventName.Error, (error: { code: number; message: string }, call?: Call) => {
    const callId = call ? ([...calls].find(([, c]) => c === call)?.[0] ?? null) : null;
    emit('error', error.code, error.message, callId);
  });
  device.on(Device.EventName.Incoming, (call: Call) => {
    const callId = crypto.randomUUID();
    const busy = Boolean(openCall());
    track(callId, call);
    const info = incomingCallInfo(callId, call);
    // A supervisor's monitoring leg never rings: the browser that asked answers it by itself at once.
    if (info.invite?.purpose !== 'monitor') {
      if (busy) ringer.beep();
      else ringer.ring();
    }
    emit('incoming', info);
  });

  const callOrThrow = (callId: string) => {
    const call = calls.get(callId);
    // Ended a moment ago (its 'cancel' or 'disconnect' is on its way to the background): not a phone fault.
    if (!call) throw callGoneError(callId);
    return call;
  };

  return {
    get registration() {
      return device.state;
    },
    get isBusy() {
      return device.isBusy;
    },
    register: () => device.register(),
    unregister: () => device.unregister(),
    async connect({ callId, params }: ConnectRequest) {
      const call = await device.connect({ params });
      track(callId, call);
    },
    accept(callId) {
      // Taking a waiting call hangs up the current one first (one conversation at a time).
      const current = openCall();
      if (current && current !== calls.get(callId)) current.disconnect();
      callOrThrow(callId).accept();
    },
    reject: (callId) => callOrThrow(callId).reject(),
    hangUp(callId) {
      // A call still connecting or ringing out is not open yet: hang up by id, so dialling can be cancelled.
      const call = (callId ? calls.get(callId) : undefined) ?? openCall();
      call?.disconnect();
    },
    mute: (muted) => openCall()?.mute(muted),
    sendDigits: (digits) => openCall()?.sendDigits(digits),
    async setAudioDevices(choice: AudioChoice) {
      ringer.setVolume(choice.ringtoneVolume);
      await ringer.setDevice(choice.ringtoneDeviceId);
      const audio = device.audio;
      if (!audio) return;
      if (choice.inputDeviceId) await audio.setInputDevice(choice.inputDeviceId);
      if (audio.isOutputSelectionSupported) {
        await audio.speakerDevices.set(choice.outputDeviceId ?? 'default');
        await audio.ringtoneDevices.set(choice.ringtoneDeviceId ?? 'default');
      }
    },
    updateToken: (next) => device.updateToken(next),
    destroy() {
      ringer.stop();
      device.destroy();
    },
    on(event, listener) {
      listeners[event].add(listener);
      return () => listeners[event].delete(listener);
    },
  };
}
