/**
 * A stand-in for '@twilio/voice-sdk', bundled instead of it by `wxt build --mode e2e` (see wxt.config.ts).
 * It mirrors the SDK's public surface that extension/phone/twilio-device.ts uses (twilio-voice.js
 * lib/twilio/device.ts, call.ts: same method names, states, event names and argument order), and is driven
 * by the browser tests over a BroadcastChannel from any page of the extension's origin:
 *
 *   { cmd: 'incoming', parameters, customParameters }  → Device 'incoming' (a pending Call)
 *   { cmd: 'cancel', callSid? }  → the ringing incoming call (that one, when named) emits 'cancel' (caller hung up / answered elsewhere)
 *   { cmd: 'answer' }            → the outgoing call emits 'ringing' then 'accept'
 *   { cmd: 'remoteHangUp', callSid? } → the open call (that one, when named) emits 'disconnect'
 *   { cmd: 'error', code, message } → Device 'error'; 20104/31205 also stop the registration, as the SDK does
 *   { cmd: 'dropRegistration' }  → the registration silently dies (state 'unregistered', no event)
 *   { cmd: 'tokenWillExpire' }   → Device 'tokenWillExpire'
 *   { cmd: 'network' }           → the network changed (FAKE_NETWORK_KEY in the extension's localStorage, so it
 *                                  holds for a phone started later too): 'up'; 'down' (a firewall, an outage:
 *                                  register() and connect() wait for a signalling connection that never comes, and
 *                                  each registration reports 31005, as lib/twilio/wstransport.ts does); 'stalled'
 *                                  (new calls wait, silently). Back 'up', whatever waited goes on.
 *   { cmd: 'reconnecting' }      → the open call loses its media connection: state 'reconnecting', 'reconnecting'(53405),
 *                                  as call.ts _onMediaFailure does
 *   { cmd: 'reconnected' }       → the reconnecting call is back: state 'open', 'reconnected'
 *   { cmd: 'reconnectFailed' }   → the reconnecting call gives up, as call.ts does past its ICE retries: 'disconnect',
 *                                  then 'error' 31003 (MEDIA_DISCONNECT_ERROR)
 *   { cmd: 'warning' | 'warningCleared', name } → the open (or reconnecting) call emits 'warning'(name, data) /
 *                                  'warning-cleared'(name)
 *   { cmd: 'log', reqId }        → answers { reqId, log } with every SDK call the extension made
 */
import { FAKE_NETWORK_KEY, FAKE_SDK_CHANNEL, type FakeNetwork, type FakeSdkCommand, type LogEntry } from './fake-sdk-protocol';

export { FAKE_NETWORK_KEY, FAKE_SDK_CHANNEL, type FakeNetwork, type FakeSdkCommand, type LogEntry };

type Listener = (...args: never[]) => void;

class Emitter {
  readonly #listeners = new Map<string, Set<Listener>>();
  on(event: string, listener: Listener): this {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener);
    this.#listeners.set(event, set);
    return this;
  }
  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }
  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener);
  }
  protected emit(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

const log: LogEntry[] = [];
const record = (method: string, ...args: unknown[]) => log.push({ method, args: JSON.parse(JSON.stringify(args ?? [])) });

const network = (): FakeNetwork => (globalThis.localStorage?.getItem(FAKE_NETWORK_KEY) as FakeNetwork | null) ?? 'up';
const waitingForNetwork = new Set<() => void>();
const networkBack = () => new Promise<void>((resolve) => waitingForNetwork.add(resolve));

let sequence = 0;
const sid = () => `CA${(++sequence).toString(16).padStart(32, '0')}`;

class TwilioError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

export class Call extends Emitter {
  static readonly State = {
    Closed: 'closed',
    Connecting: 'connecting',
    Open: 'open',
    Pending: 'pending',
    Reconnecting: 'reconnecting',
    Ringing: 'ringing',
  } as const;
  static readonly CallDirection = { Incoming: 'INCOMING', Outgoing: 'OUTGOING' } as const;
  static readonly Codec = { Opus: 'opus', PCMU: 'pcmu' } as const;

  parameters: Record<string, string>;
  readonly customParameters: Map<string, string>;
  readonly direction: 'INCOMING' | 'OUTGOING';
  #state: string;
  #muted = false;

  constructor(direction: 'INCOMING' | 'OUTGOING', parameters: Record<string, string>, custom: Map<string, string>) {
    super();
    this.direction = direction;
    this.parameters = parameters;
    this.customParameters = custom;
    this.#state = direction === 'INCOMING' ? Call.State.Pending : Call.State.Connecting;
  }
  status(): string {
    return this.#state;
  }
  isMuted(): boolean {
    return this.#muted;
  }
  accept(): void {
    record('call.accept', this.parameters.CallSid);
    if (this.#state !== Call.State.Pending) return;
    this.#state = Call.State.Open;
    this.emit('accept', this);
  }
  reject(): void {
    record('call.reject', this.parameters.CallSid);
    if (this.#state !== Call.State.Pending) return;
    this.#state = Call.State.Closed;
    this.emit('reject');
  }
  ignore(): void {
    record('call.ignore', this.parameters.CallSid);
    this.#state = Call.State.Closed;
  }
  disconnect(): void {
    record('call.disconnect', this.parameters.CallSid);
    this.remoteDisconnect();
  }
  mute(shouldMute = true): void {
    record('call.mute', shouldMute);
    const changed = this.#muted !== shouldMute;
    this.#muted = shouldMute;
    if (changed) this.emit('mute', shouldMute, this);
  }
  sendDigits(digits: string): void {
    if (/[^0-9*#w]/.test(digits)) throw new TwilioError(31000, 'Illegal character passed into sendDigits');
    record('call.sendDigits', digits);
  }
  // Test-driven transitions (not SDK methods).
  remoteAnswer(): void {
    if (this.#state !== Call.State.Connecting) return;
    this.#state = Call.State.Ringing;
    this.emit('ringing', false);
    this.#state = Call.State.Open;
    this.parameters = { ...this.parameters, CallSid: this.parameters.CallSid ?? sid() };
    this.emit('accept', this);
  }
  remoteCancel(): void {
    if (this.#state !== Call.State.Pending) return;
    this.#state = Call.State.Closed;
    this.emit('cancel');
  }
  remoteDisconnect(): void {
    if (this.#state === Call.State.Closed) return;
    this.#state = Call.State.Closed;
    this.emit('disconnect', this);
  }
  mediaLost(): void {
    if (this.#state !== Call.State.Open) return;
    this.#state = Call.State.Reconnecting;
    this.emit('reconnecting', new TwilioError(53405, 'Media connection failed.'));
  }
  mediaBack(): void {
    if (this.#state !== Call.State.Reconnecting) return;
    this.#state = Call.State.Open;
    this.emit('reconnected');
  }
  mediaGone(): void {
    if (this.#state !== Call.State.Reconnecting) return;
    this.remoteDisconnect();
    this.emit('error', new TwilioError(31003, 'Connection with Twilio was interrupted.'));
  }
  warn(name: string, cleared: boolean): void {
    if (this.#state !== Call.State.Open && this.#state !== Call.State.Reconnecting) return;
    if (cleared) this.emit('warning-cleared', name);
    else this.emit('warning', name, { name, threshold: { name: 'max', value: 0 }, values: [] });
  }
}

class OutputDevices {
  readonly #name: string;
  constructor(name: string) {
    this.#name = name;
  }
  async set(ids: string | string[]): Promise<void> {
    record(`audio.${this.#name}.set`, ids);
  }
}

class AudioHelper {
  readonly isOutputSelectionSupported = true;
  readonly speakerDevices = new OutputDevices('speakerDevices');
  readonly ringtoneDevices = new OutputDevices('ringtoneDevices');
  #incoming = true;
  incoming(enable?: boolean): boolean {
    if (enable !== undefined) {
      record('audio.incoming', enable);
      this.#incoming = enable;
    }
    return this.#incoming;
  }
  async setInputDevice(id: string): Promise<void> {
    record('audio.setInputDevice', id);
  }
  async unsetInputDevice(): Promise<void> {
    record('audio.unsetInputDevice');
  }
}

const devices = new Set<Device>();

export class Device extends Emitter {
  static readonly EventName = {
    Error: 'error',
    Incoming: 'incoming',
    Destroyed: 'destroyed',
    Unregistered: 'unregistered',
    Registering: 'registering',
    Registered: 'registered',
    TokenWillExpire: 'tokenWillExpire',
  } as const;
  static readonly State = {
    Destroyed: 'destroyed',
    Unregistered: 'unregistered',
    Registering: 'registering',
    Registered: 'registered',
  } as const;
  static readonly isSupported = true;
  static readonly version = '2.18.5-fake';

  readonly audio = new AudioHelper();
  readonly calls: Call[] = [];
  #state: string = Device.State.Unregistered;
  #token: string;

  constructor(token: string, options: Record<string, unknown> = {}) {
    super();
    this.#token = token;
    record('new Device', token, options);
    devices.add(this);
  }
  get state(): string {
    return this.#state;
  }
  get token(): string {
    return this.#token;
  }
  get isBusy(): boolean {
    // The SDK's `_activeCall`: a call being reconnected is still the one under way.
    return this.calls.some((call) => call.status() === Call.State.Open || call.status() === Call.State.Reconnecting);
  }
  async register(): Promise<void> {
    record('register');
    if (this.#state !== Device.State.Unregistered) throw new TwilioError(31000, `Attempt to register when device is in state "${this.#state}"`);
    this.#setState(Device.State.Registering);
    if (network() === 'down') {
      // The WebSocket to Twilio's signalling fails a moment later (DNS, a firewall): the SDK says so, and waits.
      setTimeout(() => this.emit('error', new TwilioError(31005, 'Error sent from gateway in HANGUP')), 50);
      await networkBack();
    }
    await Promise.resolve();
    this.#setState(Device.State.Registered);
  }
  async unregister(): Promise<void> {
    record('unregister');
    this.#setState(Device.State.Unregistered);
  }
  async connect(options: { params?: Record<string, string> } = {}): Promise<Call> {
    record('connect', options.params ?? {});
    if (this.isBusy) throw new TwilioError(31000, 'A Call is already active');
    if (network() !== 'up') await networkBack();
    const call = this.#track(new Call('OUTGOING', {}, new Map(Object.entries(options.params ?? {}))));
    return call;
  }
  disconnectAll(): void {
    for (const call of [...this.calls]) call.disconnect();
  }
  updateToken(token: string): void {
    record('updateToken', token);
    this.#token = token;
  }
  destroy(): void {
    record('destroy');
    this.disconnectAll();
    this.#setState(Device.State.Destroyed);
    devices.delete(this);
    this.emit('destroyed');
  }
  // Test-driven behaviour.
  receive(parameters: Record<string, string>, custom: Record<string, string>): void {
    const call = this.#track(new Call('INCOMING', { CallSid: sid(), ...parameters }, new Map(Object.entries(custom))));
    this.emit('incoming', call);
  }
  fail(code: number, message: string): void {
    if (code === 20104 || code === 31205) this.#setState(Device.State.Unregistered);
    this.emit('error', new TwilioError(code, message));
  }
  dropRegistration(): void {
    this.#state = Device.State.Unregistered;
  }
  warnTokenExpiry(): void {
    this.emit('tokenWillExpire', this);
  }
  #track(call: Call): Call {
    this.calls.push(call);
    const forget = () => this.calls.splice(this.calls.indexOf(call), 1);
    call.on('disconnect', forget).on('cancel', forget).on('reject', forget);
    return call;
  }
  #setState(state: string): void {
    if (state === this.#state) return;
    this.#state = state;
    if (state !== Device.State.Destroyed) this.emit(state);
  }
}

if (typeof BroadcastChannel !== 'undefined') {
  const channel = new BroadcastChannel(FAKE_SDK_CHANNEL);
  const live = () => [...devices].filter((device) => device.state !== Device.State.Destroyed);
  const allCalls = () => live().flatMap((device) => device.calls);
  channel.onmessage = ({ data }: MessageEvent<FakeSdkCommand>) => {
    switch (data.cmd) {
      case 'incoming':
        live()[0]?.receive(data.parameters, data.customParameters);
        break;
      case 'cancel':
        allCalls().find((call) => call.status() === Call.State.Pending && (!data.callSid || call.parameters.CallSid === data.callSid))?.remoteCancel();
        break;
      case 'answer':
        allCalls().find((call) => call.direction === 'OUTGOING')?.remoteAnswer();
        break;
      case 'remoteHangUp':
        allCalls().find((call) => call.status() === Call.State.Open && (!data.callSid || call.parameters.CallSid === data.callSid))?.remoteDisconnect();
        break;
      case 'error':
        live()[0]?.fail(data.code, data.message);
        break;
      case 'dropRegistration':
        live()[0]?.dropRegistration();
        break;
      case 'tokenWillExpire':
        live()[0]?.warnTokenExpiry();
        break;
      case 'network':
        if (network() === 'up') {
          for (const resume of waitingForNetwork) resume();
          waitingForNetwork.clear();
        }
        break;
      case 'reconnecting':
        allCalls().find((call) => call.status() === Call.State.Open)?.mediaLost();
        break;
      case 'reconnected':
        allCalls().find((call) => call.status() === Call.State.Reconnecting)?.mediaBack();
        break;
      case 'reconnectFailed':
        allCalls().find((call) => call.status() === Call.State.Reconnecting)?.mediaGone();
        break;
      case 'warning':
      case 'warningCleared':
        for (const call of allCalls()) call.warn(data.name, data.cmd === 'warningCleared');
        break;
      case 'log':
        channel.postMessage({ reqId: data.reqId, log, state: live()[0]?.state ?? 'none' });
        break;
    }
  };
}

export default { Call, Device };
