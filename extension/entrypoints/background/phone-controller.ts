import pLimit from 'p-limit';
import { ApiError, type ApiClient } from '@/api/client';
import type { CallAction } from '@/call-control/call-actions';
import type { MonitorMode } from '@/call-control/live-call';
import type { OffscreenMessage } from '@/messaging/protocol';
import { ReplyError } from '@/messaging/router';
import type { CallInfo, CrmRecord } from '@/phone/call-info';
import { networkAtEnd, networkChanged, networkErrored } from '@/phone/call-network';
import type { CallLanguage } from '@/phone/call-params';
import { idleCalls, type PhoneCalls } from '@/phone/call-state';
import type { AudioChoice, PhoneEvent } from '@/phone/phone-device';
import { CALL_GONE } from '@/phone/phone-host';
import { problemForTwilioError } from '@/phone/phone-status';
import { createCallControl } from './call-control';
import { createLateMatch } from './late-match';
import { endEveryCall } from './phone-memory';
import { createPhoneStateHub, type StateHubDeps } from './phone-state-hub';
import { createRoomControl } from './room-control';
import { asDeviceStatus } from './phone-transport';
import type { Session } from '@/storage/items';
import type { SetupFacts } from './setup-check';
import { createTokenRecovery, TokenRefused } from './token-recovery';

export type { StoredValue } from './phone-state-hub';

/** A command for the phone, without the routing field. */
export type OffscreenCommand = OffscreenMessage extends infer M ? (M extends OffscreenMessage ? Omit<M, 'target'> : never) : never;

export interface ControllerDeps extends StateHubDeps {
  audioChoice: () => Promise<AudioChoice>;
  onIncoming: (call: CallInfo, calls: PhoneCalls) => void;
  onAnswered: (call: CallInfo) => void;
  newId: () => string;
  /** The rep's UI language, sent with outgoing calls (the server speaks refusals in it). Default ja-JP. */
  language?: () => Promise<CallLanguage>;
  /** When a card the CRM did not answer in time asks the server again (late-match.ts; tests make it quick). */
  lateMatchDelaysMs?: readonly number[];
  /** The popup's unsaved wrap-up note (storage/wrap-up-draft-item.ts): customer notes, gone with the session. */
  wrapUpDraft?: { setValue(draft: null): Promise<void> };
}

/** Refresh the Twilio token this long before it expires, even during a call. */
const TOKEN_MARGIN_MS = 60_000;

/**
 * The phone's brain in the background: session, presence, token lifecycle and the device's events.
 * The state lives in the hub (phone-state-hub.ts); starting and ending calls in call-control.ts.
 */
export function createPhoneController(deps: ControllerDeps) {
  const hub = createPhoneStateHub(deps);
  const { facts, ready, context, publish } = hub;

  const signedInApi = async () => {
    const { session, api } = await context();
    if (!session || !api) throw new ReplyError('not_signed_in', 'Sign in first');
    return api;
  };
  const state = async () => (await ready, hub.currentState());

  /** Server errors become the rep's phone status; a rejected session signs the rep out. */
  async function serverCall<T>(work: () => Promise<T>, { signOutOn401 = true } = {}): Promise<T> {
    try {
      const result = await work();
      if (facts.problem === 'server') facts.problem = null;
      return result;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'unreachable') facts.problem = 'server';
      if (error instanceof ApiError && error.kind === 'unauthorized' && signOutOn401) await forgetSession();
      throw error instanceof ApiError ? new ReplyError(error.code ?? error.kind, error.message, error.params) : error;
    }
  }

  async function forgetSession() {
    tokens.reset();
    await stopPhone();
    await Promise.all([
      deps.session.setValue(null),
      deps.wantsOnline.setValue(false),
      // The unsaved wrap-up is what the rep wrote about a customer: it does not outlive the session.
      deps.wrapUpDraft?.setValue(null).catch(() => undefined),
    ]);
    // No wrap-up either: there is no session left to write its note with.
    facts.calls = idleCalls;
    facts.callProblem = null;
    room.reset();
  }

  /** The phone went away: every call it had is over (phone-memory.ts `endEveryCall`). */
  const phoneLost = () => void (facts.calls = endEveryCall(facts.calls, deps.now()));

  /**
   * Lets go of the phone: the device is destroyed first, so the SDK hangs up its calls and Twilio knows at
   * once (a ringing call goes on to the next rep), then its document closes.
   */
  async function stopPhone() {
    if (await deps.transport.isOpen().catch(() => false)) {
      await deps.transport.send({ target: 'offscreen', type: 'destroyDevice' }).catch(() => undefined);
    }
    await deps.transport.close().catch(() => undefined);
    facts.registration = 'unregistered';
    phoneLost();
  }

  async function fetchToken() {
    const api = await signedInApi();
    const { token, ttl } = await serverCall(() => api.token());
    facts.tokenExpiresAt = deps.now() + ttl * 1000;
    facts.refreshWanted = false;
    return token;
  }

  /** Token, device, registration. `stillWanted`: a toggle overruled by a later one stops at the next step. */
  async function startPhone(stillWanted: () => boolean = () => true) {
    facts.registration = 'registering';
    await publish();
    const token = await fetchToken();
    if (!stillWanted()) return;
    await deps.transport.open();
    if (!stillWanted()) return;
    const status = asDeviceStatus(
      await deps.transport.send({ target: 'offscreen', type: 'initDevice', token, audio: await deps.audioChoice() }),
    );
    if (status.registration === 'registered') facts.registration = 'registered';
    // Twilio did not confirm in time (REGISTER_WAIT_MS): the SDK goes on trying, and its 'registered' clears this.
    else if (facts.problem === null) facts.problem = 'twilio';
  }

  async function refreshOutgoingNumber() {
    const api = await signedInApi().catch(() => null);
    const me = api && (await serverCall(() => api.me()).catch(() => null));
    if (me) facts.outgoingNumber = me.outgoingNumber;
  }

  async function refreshToken() {
    const token = await fetchToken();
    await deps.transport.send({ target: 'offscreen', type: 'updateToken', token });
  }

  const tokens = createTokenRecovery({
    refresh: refreshToken,
    async gaveUp(error) {
      // Twilio takes none of our tokens (an API key deleted or revoked): the phone cannot register, and the
      // rep sees "Can't reach Twilio" with what to do. A server that gave no token has said so already.
      if (error instanceof TokenRefused) {
        facts.problem = 'twilio';
        facts.registration = 'unregistered';
      }
      await publish();
    },
  });

  /**
   * Declines a ringing call. One the phone no longer has (the caller hung up a moment ago, the phone went
   * offline, its document was closed) needs declining no more: its card goes, and Decline never fails.
   */
  async function decline(callId: string) {
    try {
      await deps.transport.send({ target: 'offscreen', type: 'reject', callId });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const gone = code === CALL_GONE || code === 'phone_not_started' || !(await deps.transport.isOpen().catch(() => false));
      if (!gone) throw error;
      hub.apply({ type: 'ended', callId, reason: 'rejected', at: deps.now() });
      await publish();
    }
  }

  /**
   * Going online or offline, and the heartbeat, one at a time in the order asked: a phone started by an
   * earlier "online" can never outlive a later "offline" (and a toggle overruled before its turn is skipped).
   */
  const lane = pLimit(1);
  let wishes = 0;

  const calls = createCallControl({ ...deps, hub, startPhone, refreshOutgoingNumber });
  const room = createRoomControl({
    hub,
    api: signedInApi,
    serverCall: (work) => serverCall(work),
    me: async () => (await deps.session.getValue())?.user.id ?? null,
    now: deps.now,
    accept: (callId) => calls.accept(callId),
  });
  createLateMatch({ hub, api: signedInApi, ...(deps.lateMatchDelaysMs ? { delaysMs: deps.lateMatchDelaysMs } : {}) });
  const inCall = () => facts.calls.current.kind !== 'idle' && facts.calls.current.kind !== 'wrap-up';

  async function onPhoneEvent(event: PhoneEvent) {
    await ready;
    const at = deps.now();
    switch (event.kind) {
      case 'registering':
      case 'registered':
      case 'unregistered':
        facts.registration = event.kind;
        if (event.kind === 'registered') {
          tokens.taken();
          if (facts.problem !== 'server') facts.problem = null;
        }
        break;
      case 'incoming':
        calls.onIncoming();
        hub.apply({ type: 'incoming', call: event.call, at });
        // The supervisor's own monitoring leg, asked for a moment ago, is answered here: no card, no notification.
        if (!room.acceptsByItself(event.call)) deps.onIncoming(event.call, facts.calls);
        break;
      case 'callStateChanged': {
        const { callId, progress, callSid } = event;
        if (progress === 'ringing') hub.apply({ type: 'ringing', callId, callSid, at });
        else if (progress === 'accepted') {
          hub.apply({ type: 'accepted', callId, callSid, at });
          const current = facts.calls.current;
          if (current.kind === 'in-call' && current.call.callId === callId) deps.onAnswered(current.call);
        } else {
          const after = room.legEnded(callId);
          facts.network = networkAtEnd(facts.network, callId);
          hub.apply({ type: 'ended', callId, at, reason: progress === 'disconnected' ? 'completed' : progress, wrapUp: after !== 'no-wrap-up' });
          if (after === 'ask-server' && callSid) void room.confirmWrapUp(callId, callSid).catch(() => undefined);
        }
        // "Between calls when there is time": a refresh postponed by a call happens once it is over.
        if (!inCall() && facts.refreshWanted) await refreshToken().catch(() => undefined);
        break;
      }
      case 'muted':
        hub.apply({ type: 'muted', callId: event.callId, muted: event.muted });
        break;
      case 'network':
        facts.network = networkChanged(facts.network, event.callId, event.change, at);
        break;
      case 'tokenWillExpire':
        facts.refreshWanted = true;
        if (!inCall() || deps.now() > facts.tokenExpiresAt - TOKEN_MARGIN_MS) await refreshToken().catch(() => undefined);
        break;
      case 'error': {
        // Only a call being talked on can be dropped: one still starting failed to start (call-control.ts).
        const { current } = facts.calls;
        if (current.kind === 'in-call' && current.call.callId === event.callId) facts.network = networkErrored(facts.network, current.call.callId, event.code);
        const kind = problemForTwilioError(event.code);
        if (kind === 'token') tokens.refused(event.code);
        else facts.problem = kind;
        await calls.onTwilioError(event.code, event.callId, kind === 'twilio');
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
    facts.callProblem = null;
    const me = await serverCall(() => deps.createApi(serverUrl, token).me()).catch(() => null);
    facts.outgoingNumber = me?.outgoingNumber ?? null;
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
      wishes++; // a phone being started by a toggle stops at its next step
      calls.cancelStarts();
      if (session && api) {
        await api.setPresence(false).catch(() => undefined);
        await api.logout().catch(() => undefined);
      }
      await forgetSession();
      await publish();
    },

    /**
     * Going offline during a call ends it cleanly: the device hangs it up, and the rep gets its wrap-up
     * (a ringing call goes to the next rep, a call being dialled is cancelled). Whether to ask first is the UI's.
     */
    setOnline(online: boolean) {
      const wish = ++wishes;
      const latest = () => wish === wishes;
      return lane(async () => {
        await ready;
        if (!latest()) return state();
        const api = await signedInApi();
        await deps.wantsOnline.setValue(online);
        facts.problem = null;
        tokens.reset();
        if (!online) {
          facts.callProblem = null;
          calls.cancelStarts();
        }
        try {
          if (online) {
            await serverCall(() => api.setPresence(true));
            await refreshOutgoingNumber();
            await startPhone(latest);
          } else {
            // The phone goes first: "Offline" stops the ringing even when the server cannot be told.
            await stopPhone();
            await serverCall(() => api.setPresence(false));
          }
        } finally {
          await publish();
        }
        return state();
      });
    },

    /** Every ~30 s while online: tell the server we are here, and make sure the phone still is. */
    heartbeat: () =>
      lane(async () => {
        const asked = wishes;
        await ready;
        if (!(await deps.wantsOnline.getValue())) return;
        const api = await signedInApi().catch(() => null);
        if (!api) return;
        await serverCall(() => api.setPresence(true)).catch(() => undefined);
        if (await deps.transport.open().catch(() => false)) {
          // The offscreen document was gone (browser closed it, or it crashed), and its calls with it: as
          // after a worker restart (phone-memory.ts), they end here; then the phone starts again.
          phoneLost();
          await startPhone(() => wishes === asked).catch(() => undefined);
        } else {
          const late = deps.now() > facts.tokenExpiresAt - TOKEN_MARGIN_MS;
          // Given up on tokens Twilio kept refusing: one more try per heartbeat, no more.
          if (tokens.gaveUp()) await tokens.probe().catch(() => undefined);
          else if (late && !inCall()) await refreshToken().catch(() => undefined);
          const status = asDeviceStatus(
            await deps.transport.send({ target: 'offscreen', type: 'ensureRegistered' }).catch(() => null),
          );
          if (status.registration === 'registered' || status.registration === 'registering') facts.registration = status.registration;
        }
        await publish();
      }),

    /** Every outgoing call (page button, popup, launcher dialer, redial): see call-control.ts. */
    dial: async (to: string, record: CrmRecord | null) => (await ready, calls.dial(to, record)),
    /** Answers the ringing call (Accept on a card or a notification, the shortcut): see call-control.ts. */
    accept: async (callId?: string) => (await ready, calls.accept(callId)),
    async hangUp() {
      await ready;
      // The rep ended it: a call hung up while reconnecting was not dropped by the network.
      facts.network = null;
      return calls.hangUp();
    },
    dismissCallProblem: async () => (await ready, calls.dismissProblem()),
    activeCallId: async () => (await ready, calls.activeCall()?.callId ?? null),
    /** The ringing call (or the waiting one) by default. */
    ringingCallId: async () => (await ready, calls.ringingCall()?.callId ?? null),

    /**
     * What "Why can't I call?" decides on, gathered the way the header's status is: the server asked
     * through the same path (so a server that answers again clears "server unreachable"), the status read
     * after that. The check and the header cannot disagree.
     */
    async setupFacts(microphone: () => Promise<PermissionState | 'unknown'>): Promise<SetupFacts> {
      await ready;
      const { session, api } = await context();
      const mic = await microphone().catch(() => 'unknown' as const);
      const me = session && api ? await serverCall(() => api.me()).catch((error: unknown) => error as Error) : null;
      if (me && !(me instanceof Error)) facts.outgoingNumber = me.outgoingNumber;
      const token =
        api && me && !(me instanceof Error)
          ? await serverCall(() => api.token()).then(
              () => 'ok' as const,
              (error: unknown) => (error instanceof ReplyError && error.code.includes('not_configured') ? 'not-configured' : 'failed'),
            )
          : null;
      await publish();
      const now = await hub.currentState();
      return {
        signedIn: now.signedIn,
        microphone: mic,
        server: me === null ? null : me instanceof Error ? 'failed' : 'ok',
        token,
        online: now.online,
        status: now.status,
        outgoingNumber: now.outgoingNumber,
      };
    },

    async command(message: OffscreenCommand) {
      await ready;
      if (message.type === 'reject') return decline(message.callId);
      await deps.transport.send({ target: 'offscreen', ...message } as OffscreenMessage);
    },

    calls: async () => (await ready, facts.calls),

    /** Hold, transfer, add, leave… on the call being talked on (room-control.ts). */
    controlCall: async (callSid: string, action: CallAction) => (await ready, room.act(callSid, action)),
    toggleHold: async () => (await ready, room.toggleHold()),
    monitor: async (callSid: string, mode: MonitorMode) => (await ready, room.monitor(callSid, mode)),
    stopMonitor: async (callSid: string) => (await ready, room.stopMonitor(callSid)),
    colleagues: async (q: string) => (await ready, room.colleagues(q)),
    liveCalls: async () => (await ready, room.liveCalls()),
    subscribe: hub.subscribe,
    hasSubscriber: hub.hasSubscriber,

    /** `keep: 'history'`: the call is someone else's; the rep's note is kept in its history as theirs, not as its wrap-up. */
    async finishWrapUp(note: string | undefined, disposition: string | undefined, keep?: 'history') {
      await ready;
      const current = facts.calls.current;
      if (current.kind !== 'wrap-up') return;
      if (keep === 'history' && note) {
        const sid = current.call.callSid;
        if (!sid) throw new ReplyError('no_call_sid', 'This call has no Twilio CallSid; its note cannot be saved');
        const api = await signedInApi();
        await serverCall(() => api.keepCallNote(sid, note));
      } else if (note || disposition) {
        // Never drop the rep's note silently: without Twilio's sid there is no call log entry to write it to,
        // so the wrap-up stays open and the popup says why (the rep can copy the note, then Skip).
        const sid = current.call.callSid;
        if (!sid) throw new ReplyError('no_call_sid', 'This call has no Twilio CallSid; its note cannot be saved');
        const api = await signedInApi();
        await serverCall(() => api.patchCall(sid, { note, disposition }));
      }
      hub.apply({ type: 'wrapUpDone' });
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
