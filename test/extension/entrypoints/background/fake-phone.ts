import type { ApiClient } from '@/api/client';
import { createPhoneController, type ControllerDeps, type StoredValue } from '@/entrypoints/background/phone-controller';
import type { PublicState } from '@/messaging/public-state';
import type { CallInfo } from '@/phone/call-info';
import type { PhoneDevice, PhoneDeviceEvents } from '@/phone/phone-device';
import { createPhoneHost } from '@/phone/phone-host';
import type { Session } from '@/storage/items';

/**
 * The SDK's Device as far as calls go: it records what it was told to do, and the test emits what Twilio
 * would. Like twilio-device.ts, it reports nothing by itself for accept, reject or hang up.
 */
export class FakeDevice implements PhoneDevice {
  registration: PhoneDevice['registration'] = 'unregistered';
  isBusy = false;
  accepted: string[] = [];
  rejected: string[] = [];
  hungUp: (string | undefined)[] = [];
  #listeners = new Map<string, Set<(...args: never[]) => void>>();
  async register() {
    this.registration = 'registered';
    this.emit('registered');
  }
  async unregister() {}
  async connect() {}
  accept(callId: string) {
    this.accepted.push(callId);
  }
  reject(callId: string) {
    this.rejected.push(callId);
  }
  hangUp(callId?: string) {
    this.hungUp.push(callId);
  }
  mute() {}
  sendDigits() {}
  async setAudioDevices() {}
  updateToken() {}
  destroy() {
    this.registration = 'destroyed';
  }
  on<K extends keyof PhoneDeviceEvents>(event: K, listener: PhoneDeviceEvents[K]) {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as never);
    this.#listeners.set(event, set);
    return () => set.delete(listener as never);
  }
  emit<K extends keyof PhoneDeviceEvents>(event: K, ...args: Parameters<PhoneDeviceEvents[K]>) {
    for (const l of this.#listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
}

const stored = <T,>(initial: T): StoredValue<T> => {
  let value = initial;
  return { getValue: async () => value, setValue: async (next: T) => void (value = next) };
};

export const caller = (callId: string, number = '+81312345678'): CallInfo => ({
  callId, direction: 'incoming', number, calledNumber: '+81501234567', calledLabel: '営業', ivrPath: [], callSid: `CA-${callId}`, record: null,
});

const api = {
  me: async () => ({ user: { id: 'u1', name: 'Rep', email: 'r@example.jp', role: 'rep' }, outgoingNumber: '+81501234567', presence: { available: true, onCall: false } }),
  setPresence: async (available: boolean) => ({ available }),
  token: async () => ({ token: 'jwt', identity: 'rep_u1', ttl: 3600 }),
} as unknown as ApiClient;

/** A signed-in rep's background and phone; `hooks` stand in for what index.ts wires. */
export function phoneWithDevice(hooks: Partial<Pick<ControllerDeps, 'onIncoming' | 'onAnswered' | 'broadcast'>> = {}) {
  const devices: FakeDevice[] = [];
  const states: PublicState[] = [];
  const host = createPhoneHost(
    () => (devices.push(new FakeDevice()), devices.at(-1) as FakeDevice),
    (event) => void controller.onPhoneEvent(event),
  );
  let open = false;
  const controller = createPhoneController({
    transport: {
      open: async () => (open ? false : ((open = true), true)),
      isOpen: async () => open,
      send: (message) => host.handle(message),
      close: async () => void (open = false),
    },
    createApi: () => api,
    session: stored<Session | null>({ token: 'sess', user: { id: 'u1', name: 'Rep', email: 'r@example.jp', role: 'rep' } }),
    serverUrl: stored<string | null>('https://yb.example.jp'),
    wantsOnline: stored(false),
    audioChoice: async () => ({ inputDeviceId: null, outputDeviceId: null, ringtoneDeviceId: null, ringtoneVolume: 0.5 }),
    broadcast: (state, tabs) => (states.push(state), hooks.broadcast?.(state, tabs)),
    onIncoming: (call, calls) => hooks.onIncoming?.(call, calls),
    onAnswered: (call) => hooks.onAnswered?.(call),
    now: () => 1_000_000,
    newId: () => 'out-1',
  });
  return {
    controller,
    states,
    device: () => devices.at(-1) as FakeDevice,
    settle: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}
