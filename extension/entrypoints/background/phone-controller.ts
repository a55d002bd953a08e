import { ApiError, type ApiClient } from '@/api/client';
import type { OffscreenMessage } from '@/messaging/protocol';
import { ReplyError } from '@/messaging/router';
import type { PublicState } from '@/messaging/public-state';
import type { CallInfo, CrmRecord } from '@/phone/call-info';
import { outgoingParams, type CallLanguage } from '@/phone/call-params';
import { canDial, idleCalls, transition, type CallEvent, type PhoneCalls } from '@/phone/call-state';
import type { AudioChoice, PhoneEvent } from '@/phone/phone-device';
import { isExpiredTokenError, phoneStatus, problemForTwilioError, type DeviceRegistration, type PhoneProblem } from '@/phone/phone-status';
import type { Session } from '@/storage/items';
import { recallPhoneMemory, type PhoneMemory } from './phone-memory';
import { asDeviceStatus, type PhoneTransport } from './phone-transport';

/** A command for the phone, without the routing field. */
export type OffscreenCommand = OffscreenMessage extends infer M ? (M extends OffscreenMessage ? Omit<M, 'target'> : never) : never;

export interface StoredValue<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

export interface ControllerDeps {
  transport: PhoneTransport;
  createApi: (serverUrl: string, token: string | null) => ApiClient;
  session: StoredValue<Session | null>;
  serverUrl: StoredValue<string | null>;
  wantsOnline: StoredValue<boolean>;
  audioChoice: () => Promise<AudioChoice>;
  /** Pushes the state to our pages and the subscribed tabs; may answer with the tabs that are gone. */
  broadcast: (state: PublicState, tabs: readonly number[]) => Promise<readonly number[]> | void;
  /** Where the public phone state outlives a service-worker restart (storage.session). */
  memory?: StoredValue<PhoneMemory | null>;
  onIncoming: (call: CallInfo, calls: PhoneCalls) => void;
  onAnswered: (call: CallInfo) => void;
  now: () => number;
  newId: () => string;
  /** The rep's UI language, sent with outgoing calls (the server speaks refusals in it). Default ja-JP. */
  language?: () => Promise<CallLanguage>;
}

/** Refresh the Twilio token this long before it expires, even during a call. */
const TOKEN_MARGIN_MS = 60_000;

/** The phone's brain in the background: session, presence, token lifecycle and the call-state machine. */
export function createPhoneController(deps: ControllerDeps) {
  let calls: PhoneCalls = idleCalls;
  let registration: DeviceRegistration = 'unregistered';
  let problem: PhoneProblem = null;
  let outgoingNumber: string | null = null;
  let tokenExpiresAt = 0;
  let refreshWanted = false;
  /** Tabs whose content script asked for the state: they get every push (the page's call card). */
  const tabs = new Set<number>();

  const context = async () => {
    const [session, serverUrl] = await Promise.all([deps.session.getValue(), deps.serverUrl.getValue()]);
    return { session, serverUrl, api: serverUrl ? deps.createApi(serverUrl, session?.token ?? null) : null };
  };
  const signedInApi = async () => {
    const { session, api } = await context();
    if (!session || !api) throw new ReplyError('not_signed_in', 'Sign in first');
    return api;
  };

  async function currentState(): Promise<PublicState> {
    const [{ session, serverUrl }, online] = await Promise.all([context(), deps.wantsOnline.getValue()]);
    const signedIn = session !== null;
    return {
      signedIn,
      user: session?.user ?? null,
      serverUrl,
      online: signedIn && online,
      status: phoneStatus({ signedIn, wantsOnline: online, registration, problem }),
      outgoingNumber,
      calls,
    };
  }
  const remember = async () => {
    await deps.memory
      ?.setValue({ calls, registration, problem, outgoingNumber, tokenExpiresAt, refreshWanted, tabs: [...tabs] })
      .catch(() => undefined);
  };
  const publish = async () => {
    await remember();
    const gone = await deps.broadcast(await currentState(), [...tabs]);
    if (gone?.length) {
      for (const tabId of gone) tabs.delete(tabId);
      await remember();
    }
  };

  /** After a service-worker restart: what we knew, corrected by the phone (phone-memory.ts). */
  async function restore() {
    const recalled = await recallPhoneMemory(deps);
    if (!recalled) return;
    ({ calls, registration, problem, outgoingNumber, tokenExpiresAt, refreshWanted } = recalled);
    for (const tabId of recalled.tabs) tabs.add(tabId);
    await publish();
  }
  const ready = restore().catch(() => undefined);
  const state = async () => (await ready, currentState());

  /** Server errors become the rep's phone status; a rejected session signs the rep out. */
  async function serverCall<T>(work: () => Promise<T>, { signOutOn401 = true } = {}): Promise<T> {
    try {
      const result = await work();
      if (problem === 'server') problem = null;
      return result;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'unreachable') problem = 'server';
      if (error instanceof ApiError && error.kind === 'unauthorized' && signOutOn401) await forgetSession();
      throw error instanceof ApiError ? new ReplyError(error.code ?? error.kind, error.message) : error;
    }
  }

  async function forgetSession() {
    await deps.transport.close().catch(() => undefined);
    await Promise.all([deps.session.setValue(null), deps.wantsOnline.setValue(false)]);
    registration = 'unregistered';
    calls = idleCalls;
  }

  async function fetchToken() {
    const api = await signedInApi();
    const { token, ttl } = await serverCall(() => api.token());
    tokenExpiresAt = deps.now() + ttl * 1000;
    refreshWanted = false;
    return token;
  }

  async function startPhone() {
    registration = 'registering';
    await publish();
    const token = await fetchToken();
    await deps.transport.open();
    const status = asDeviceStatus(
      await deps.transport.send({ target: 'offscreen', type: 'initDevice', token, audio: await deps.audioChoice() }),
    );
    if (status.registration === 'registered') registration = 'registered';
  }

  async function refreshToken() {
    const token = await fetchToken();
    await deps.transport.send({ target: 'offscreen', type: 'updateToken', token });
  }

  const apply = (event: CallEvent) => {
    calls = transition(calls, event);
  };
  const inCall = () => calls.current.kind !== 'idle' && calls.current.kind !== 'wrap-up';

  async function onPhoneEvent(event: PhoneEvent) {
    await ready;
    const at = deps.now();
    switch (event.kind) {
      case 'registering':
      case 'registered':
      case 'unregistered':
        registration = event.kind;
        if (event.kind === 'registered' && problem !== 'server') problem = null;
        break;
      case 'incoming':
        apply({ type: 'incoming', call: event.call, at });
        deps.onIncoming(event.call, calls);
        break;
      case 'callStateChanged': {
        const { callId, progress, callSid } = event;
        if (progress === 'ringing') apply({ type: 'ringing', callId, at });
        else if (progress === 'accepted') {
          apply({ type: 'accepted', callId, callSid, at });
          if (calls.current.kind === 'in-call' && calls.current.call.callId === callId) deps.onAnswered(calls.current.call);
        } else apply({ type: 'ended', callId, at, reason: progress === 'disconnected' ? 'completed' : progress });
        // "Between calls when there is time": a refresh postponed by a call happens once it is over.
        if (!inCall() && refreshWanted) await refreshToken().catch(() => undefined);
        break;
      }
      case 'muted':
        apply({ type: 'muted', callId: event.callId, muted: event.muted });
        break;
      case 'tokenWillExpire':
        refreshWanted = true;
        if (!inCall() || deps.now() > tokenExpiresAt - TOKEN_MARGIN_MS) await refreshToken().catch(() => undefined);
        break;
      case 'error': {
        const kind = problemForTwilioError(event.code);
        if (isExpiredTokenError(event.code) || kind === 'token') await refreshToken().catch(() => undefined);
        else problem = kind;
        if (event.callId) apply({ type: 'ended', callId: event.callId, reason: 'failed', at });
        break;
      }
    }
    await publish();
  }

  /** Signs in with whatever answers with a session: a password, or an accepted invitation. */
  async function signInWith(serverUrl: string, obtain: (api: ApiClient) => Promise<{ token: string; user: Session['user'] }>) {
    await ready;
    const api = deps.createApi(serverUrl, null);
    // A wrong password must not sign out the session that is already there.
    const { token, user } = await serverCall(() => obtain(api), { signOutOn401: false });
    await Promise.all([deps.serverUrl.setValue(serverUrl), deps.session.setValue({ token, user })]);
    const me = await serverCall(() => deps.createApi(serverUrl, token).me()).catch(() => null);
    outgoingNumber = me?.outgoingNumber ?? null;
    await publish();
    return state();
  }

  return {
    state,
    onPhoneEvent,

    signIn: (serverUrl: string, email: string, password: string) => signInWith(serverUrl, (api) => api.login(email, password)),
    /** An accepted invitation answers with a session, as a sign-in does. */
    acceptInvite: (serverUrl: string, token: string, password: string, name?: string) =>
      signInWith(serverUrl, (api) => api.acceptInvite(token, password, name)),

    async signOut() {
      await ready;
      const { session, api } = await context();
      if (session && api) {
        await api.setPresence(false).catch(() => undefined);
        await api.logout().catch(() => undefined);
      }
      await forgetSession();
      await publish();
    },

    async setOnline(online: boolean) {
      await ready;
      const api = await signedInApi();
      await deps.wantsOnline.setValue(online);
      problem = null;
      try {
        await serverCall(() => api.setPresence(online));
        if (online) await startPhone();
        else {
          await deps.transport.send({ target: 'offscreen', type: 'destroyDevice' }).catch(() => undefined);
          await deps.transport.close();
          registration = 'unregistered';
        }
      } finally {
        await publish();
      }
      return state();
    },

    /** Every ~30 s while online: tell the server we are here, and make sure the phone still is. */
    async heartbeat() {
      await ready;
      if (!(await deps.wantsOnline.getValue())) return;
      const api = await signedInApi().catch(() => null);
      if (!api) return;
      await serverCall(() => api.setPresence(true)).catch(() => undefined);
      if (await deps.transport.open().catch(() => false)) {
        // The offscreen document was gone (browser closed it, or it crashed): start the phone again.
        await startPhone().catch(() => undefined);
      } else {
        const late = deps.now() > tokenExpiresAt - TOKEN_MARGIN_MS;
        if (late && !inCall()) await refreshToken().catch(() => undefined);
        const status = asDeviceStatus(
          await deps.transport.send({ target: 'offscreen', type: 'ensureRegistered' }).catch(() => null),
        );
        if (status.registration === 'registered' || status.registration === 'registering') registration = status.registration;
      }
      await publish();
    },

    async dial(to: string, record: CrmRecord | null) {
      await ready;
      if (!(await deps.session.getValue())) throw new ReplyError('not_signed_in', 'Sign in first');
      if (!canDial(calls)) throw new ReplyError('busy', 'Already on a call');
      if (registration !== 'registered') await startPhone().catch(() => undefined);
      const callId = deps.newId();
      const call: CallInfo = {
        callId, direction: 'outgoing', number: to, calledNumber: null, calledLabel: null, ivrPath: [], callSid: null, record,
      };
      apply({ type: 'dialRequested', call, at: deps.now() });
      await publish();
      try {
        const language = (await deps.language?.().catch(() => null)) ?? 'ja-JP';
        await deps.transport.send({ target: 'offscreen', type: 'connect', callId, params: outgoingParams(to, record, language), call });
      } catch (error) {
        apply({ type: 'ended', callId, reason: 'failed', at: deps.now() });
        await publish();
        throw new ReplyError('dial_failed', error instanceof Error ? error.message : String(error));
      }
      return { callId };
    },

    /** The call being dialled, ringing out or talked on: what "hang up" ends (an outgoing call may not be open yet). */
    async activeCallId(): Promise<string | null> {
      await ready;
      const current = calls.current;
      return current.kind === 'dialing' || current.kind === 'ringing-out' || current.kind === 'in-call' ? current.call.callId : null;
    },

    /** The ringing call (or the waiting one) by default. */
    async ringingCallId(): Promise<string | null> {
      await ready;
      if (calls.waiting) return calls.waiting.callId;
      return calls.current.kind === 'incoming' ? calls.current.call.callId : null;
    },

    async command(message: OffscreenCommand) {
      await ready;
      await deps.transport.send({ target: 'offscreen', ...message } as OffscreenMessage);
    },

    calls: async () => (await ready, calls),

    /** A content script asked for the state: its tab gets the pushes from now on, across restarts too. */
    async subscribe(tabId: number) {
      await ready;
      if (tabs.has(tabId)) return;
      tabs.add(tabId);
      await remember();
    },
    hasSubscriber: async (tabId: number) => (await ready, tabs.has(tabId)),

    async finishWrapUp(note: string | undefined, disposition: string | undefined) {
      await ready;
      const current = calls.current;
      if (current.kind !== 'wrap-up') return;
      if (current.call.callSid && (note || disposition)) {
        const api = await signedInApi();
        await serverCall(() => api.patchCall(current.call.callSid as string, { note, disposition }));
      }
      apply({ type: 'wrapUpDone' });
      await publish();
    },

    async recentCalls(limit: number) {
      await ready;
      const api = await signedInApi();
      const { calls: list } = await serverCall(() => api.listCalls({ limit }));
      return { calls: list };
    },
  };
}
export type PhoneController = ReturnType<typeof createPhoneController>;
