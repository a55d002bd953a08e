import type { ApiClient } from '@/api/client';
import { createPhoneController, type ControllerDeps, type StoredValue } from '@/entrypoints/background/phone-controller';
import type { PhoneTransport } from '@/entrypoints/background/phone-transport';
import type { PublicState } from '@/messaging/public-state';
import type { CallInfo } from '@/phone/call-info';
import type { ConnectRequest, PhoneDevice, PhoneDeviceEvents, PhoneEvent } from '@/phone/phone-device';
import { createPhoneHost } from '@/phone/phone-host';
import type { Session } from '@/storage/items';

/**
 * The SDK's Device as far as calls go: it records what it was told to do, and the test emits what Twilio
 * would. Like twilio-device.ts, it reports nothing by itself for accept, reject or hang up. A test that needs
 * the device to behave otherwise (a blocked network, refused tokens) extends it and overrides those methods.
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
  async connect(_request: ConnectRequest) {}
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
  updateToken(_token: string) {}
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

/** A storage item kept in memory; `value` is what it holds now. */
export const stored = <T,>(initial: T): StoredValue<T> & { value: T } => {
  const item = { value: initial, getValue: async () => item.value, setValue: async (v: T) => void (item.value = v) };
  return item;
};

export const rep = { id: 'u1', name: 'Rep', email: 'r@example.jp', role: 'rep' };

export const caller = (callId: string, number = '+81312345678'): CallInfo => ({
  callId, direction: 'incoming', number, calledNumber: '+81501234567', calledLabel: '営業', ivrPath: [], callSid: `CA-${callId}`, record: null,
});

/** The companion server as the signed-in rep's background uses it; `overrides` replace or add endpoints. */
export const repApi = (overrides: Record<string, unknown> = {}) => ({
  me: async () => ({ user: rep, outgoingNumber: '+81501234567', presence: { available: true, onCall: false } }),
  setPresence: async (available: boolean) => ({ available }),
  token: async () => ({ token: 'jwt', identity: 'rep_u1', ttl: 3600 }),
  ...overrides,
}) as unknown as ApiClient;

export interface OffscreenOptions<D extends PhoneDevice> {
  /** The device the phone host makes for a token (a FakeDevice unless said). */
  newDevice?: (token: string) => D;
  /** The phone host's clock and registration wait (createPhoneHost's defaults unless said). */
  now?: () => number;
  registerWaitMs?: number;
  /**
   * As Chrome's offscreen document: once closed it answers nothing, and closing it destroys the device
   * first. Without this, messages reach the host whether or not the document is open.
   */
  closesLikeChrome?: boolean;
}

/**
 * The offscreen document: the phone host and the devices it made, reached through `transport`; every
 * event the phone reports is kept in `events` and handed to `onEvent`.
 */
export function offscreenPhone<D extends PhoneDevice = FakeDevice>(onEvent: (event: PhoneEvent) => void, options: OffscreenOptions<D> = {}) {
  const { newDevice = () => new FakeDevice() as PhoneDevice as D, closesLikeChrome = false } = options;
  const devices: D[] = [];
  const events: PhoneEvent[] = [];
  const host = createPhoneHost(
    (token) => {
      const device = newDevice(token);
      devices.push(device);
      return device;
    },
    (event) => {
      events.push(event);
      onEvent(event);
    },
    options.now,
    options.registerWaitMs,
  );
  let open = false;
  const transport: PhoneTransport = {
    open: async () => (open ? false : ((open = true), true)),
    isOpen: async () => open,
    send: closesLikeChrome
      ? async (message) => {
        if (!open) throw new Error('Could not establish connection. Receiving end does not exist.');
        return host.handle(message);
      }
      : (message) => host.handle(message),
    async close() {
      if (closesLikeChrome && open) await host.handle({ target: 'offscreen', type: 'destroyDevice' });
      open = false;
    },
  };
  return {
    host, transport, devices, events,
    device: () => devices.at(-1) as D,
    /** Chrome closed the document behind the background's back. */
    markClosed: () => void (open = false),
  };
}

/** What index.ts gives the controller, for a rep signed in but not online; `deps` replace any of it. */
export function controllerDeps(deps: Pick<ControllerDeps, 'transport'> & Partial<ControllerDeps>): ControllerDeps {
  const api = repApi();
  return {
    createApi: () => api,
    session: stored<Session | null>({ token: 'sess', user: rep }),
    serverUrl: stored<string | null>('https://yb.example.jp'),
    wantsOnline: stored(false),
    audioChoice: async () => ({ inputDeviceId: null, outputDeviceId: null, ringtoneDeviceId: null, ringtoneVolume: 0.5 }),
    broadcast: () => undefined,
    onIncoming: () => undefined,
    onAnswered: () => undefined,
    now: () => 1_000_000,
    newId: () => 'out-1',
    ...deps,
  };
}

/**
 * A signed-in rep's background and phone: every state it broadcasts is kept in `states`. The options replace
 * what index.ts wires (`broadcast` is called besides), and `offscreen` says how the phone behaves.
 */
export function phoneWithDevice<D extends PhoneDevice = FakeDevice>(
  { offscreen, broadcast, ...deps }: Partial<ControllerDeps> & { offscreen?: OffscreenOptions<D> } = {},
) {
  const states: PublicState[] = [];
  const phone = offscreenPhone<D>((event) => void controller.onPhoneEvent(event), offscreen);
  const controller = createPhoneController(controllerDeps({
    transport: phone.transport,
    ...deps,
    broadcast: (state, tabs) => (states.push(state), broadcast?.(state, tabs)),
  }));
  return { ...phone, controller, states, settle: () => new Promise((resolve) => setTimeout(resolve, 0)) };
}
