import type { OffscreenMessage } from '@/messaging/protocol';
import { onEveryPhoneEvent, type PhoneDevice, type PhoneEvent } from './phone-device';

export type DeviceFactory = (token: string) => PhoneDevice;

export interface DeviceStatus {
  registration: PhoneDevice['registration'] | 'none';
  busy: boolean;
}

/**
 * Owns the one PhoneDevice and carries out the background's commands. Runs in the offscreen document on
 * Chrome, and inside the background page on Firefox (which has no offscreen documents).
 */
export function createPhoneHost(createDevice: DeviceFactory, emit: (event: PhoneEvent) => void) {
  let device: PhoneDevice | null = null;
  let stopForwarding: (() => void) | null = null;
  let registering: Promise<void> | null = null;

  const status = (): DeviceStatus => ({ registration: device?.registration ?? 'none', busy: device?.isBusy ?? false });

  /** Registers unless already (being) registered; a registration that died silently is restored here. */
  const ensureRegistered = async (): Promise<DeviceStatus> => {
    if (device && device.registration === 'unregistered' && !registering) {
      registering = device.register().finally(() => {
        registering = null;
      });
      await registering.catch(() => undefined);
    }
    return status();
  };

  const destroy = () => {
    stopForwarding?.();
    stopForwarding = null;
    device?.destroy();
    device = null;
  };

  const need = () => {
    if (!device) throw new Error('The phone is not started');
    return device;
  };

  async function handle(message: OffscreenMessage): Promise<unknown> {
    switch (message.type) {
      case 'initDevice': {
        destroy();
        device = createDevice(message.token);
        stopForwarding = onEveryPhoneEvent(device, emit);
        await device.setAudioDevices(message.audio).catch(() => undefined);
        return ensureRegistered();
      }
      case 'updateToken':
        need().updateToken(message.token);
        // After an expired-token error the SDK has stopped re-registering; a fresh token lets us register again.
        return ensureRegistered();
      case 'ensureRegistered':
        return ensureRegistered();
      case 'connect':
        await need().connect({ callId: message.callId, params: message.params, call: message.call });
        return null;
      case 'accept':
        need().accept(message.callId);
        return null;
      case 'reject':
        need().reject(message.callId);
        return null;
      case 'hangUp':
        need().hangUp(message.callId);
        return null;
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
    }
  }

  return { handle, status };
}
export type PhoneHost = ReturnType<typeof createPhoneHost>;
