import type { OffscreenMessage } from '@/messaging/protocol';
import type { DeviceStatus } from '@/phone/phone-host';

/** How the background reaches the phone: an offscreen document (Chrome) or the background page itself (Firefox). */
export interface PhoneTransport {
  /** Starts the phone's host if it is not running; true when it had to be (re)created. */
  open(): Promise<boolean>;
  isOpen(): Promise<boolean>;
  send(message: OffscreenMessage): Promise<unknown>;
  close(): Promise<void>;
}

export function asDeviceStatus(value: unknown): DeviceStatus {
  const status = value as Partial<DeviceStatus> | null;
  return { registration: status?.registration ?? 'none', busy: status?.busy ?? false };
}
