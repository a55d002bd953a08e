import { ApiError, type ApiClient } from '@/api/client';
import { afterLegEnded, afterServerView, notDueBecause, showsLeft } from '@/call-control/after-leg';
import { handsOver, type CallAction } from '@/call-control/call-actions';
import { inheritedWrapUpDue } from '@/call-control/inherited-wrap-up';
import type { LiveCall, MonitorMode } from '@/call-control/live-call';
import { toLiveCallView, type LiveCallView } from '@/call-control/live-call-view';
import { acceptsByItself } from '@/call-control/monitor-request';
import type { PublicState } from '@/messaging/public-state';
import { ReplyError } from '@/messaging/router';
import type { CallInfo } from '@/phone/call-info';
import { createPollingFeed, type LiveCallFeed, type LiveCallUpdate } from './live-call-feed';
import type { PhoneStateHub } from './phone-state-hub';

export interface RoomControlDeps {
  hub: PhoneStateHub;
  /** The signed-in user's API client (throws not_signed_in). */
  api: () => Promise<ApiClient>;
  /** The controller's wrapper for server calls (phone status, sign-out on 401). */
  serverCall: <T>(work: () => Promise<T>) => Promise<T>;
  /** The signed-in user's id. */
  me: () => Promise<string | null>;
  now: () => number;
  /** Answers a ringing call (the supervisor's own monitoring leg). */
  accept: (callId: string) => Promise<void>;
  /** Replaces the polling (tests; later a server-sent-events stream). */
  feed?: (deps: { fetchLive: (callSid: string) => Promise<LiveCall>; onUpdate: (update: LiveCallUpdate) => Promise<void> }) => LiveCallFeed;
  /** How long the after-call decision waits for the server to see the rep leave. */
  confirmWaitMs?: number;
}

/**
 * How long whose call it was at the end is waited for while the server says it may still change (a
 * leave Twilio reports late): the minute the server itself waits before it takes the call as it stands.
 */
export const OWNER_WAIT_MS = 60_000;

/** Server refusals (4xx with a code, and Twilio's 502) reach the UI by their code; 401 and network failures go on to serverCall. */
function asRefusal(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.code || error.status === null) return error;
  const refusal = (error.status >= 400 && error.status < 500 && error.status !== 401) || error.code === 'twilio_unavailable';
  return refusal ? new ReplyError(error.code, error.message, error.params) : error;
}

const isGone = (error: unknown) => error instanceof ReplyError && error.code === 'call_not_found';

/**
 * Call control in the background (docs/call-flow.md): follows the room of the call being talked on
 * (live-call-feed.ts) into the public state, carries out the rep's and supervisor's requests on it,
 * answers the supervisor's own monitoring leg, and decides who gets the after-call note.
 */
export function createRoomControl(deps: RoomControlDeps) {
  const { hub } = deps;
  const { facts } = hub;
  const server = <T>(work: () => Promise<T>) =>
    deps.serverCall(async () => {
      try {
        return await work();
      } catch (error) {
        throw asRefusal(error);
      }
    });
  const fetchLive = async (callSid: string) => {
    const api = await deps.api();
    return server(() => api.liveCall(callSid));
  };

  /** The call being talked on (not one ringing or dialling), if it has a CallSid. */
  const talkingOn = (): CallInfo | null => {
    const current = facts.calls.current;
    return current.kind === 'in-call' && current.call.callSid ? current.call : null;
  };

  async function show(callSid: string, view: LiveCallView | null) {
    if (talkingOn()?.callSid !== callSid) return;
    if (JSON.stringify(view) === JSON.stringify(facts.liveCall)) return;
    facts.liveCall = view;
    await hub.publish();
  }

  /** Calls whose leg ended while the user had them (the owner): a late change of hands is told, not hidden. */
  const hadAtEnd = new Set<string>();

  /**
   * The call as the server has it once it has seen the user leave, and no longer says its owner may
   * change (`ownerPending`); a few quick looks, then slower ones while it is pending, up to OWNER_WAIT_MS.
   */
  async function lastWord(callSid: string, left: (view: LiveCallView) => boolean): Promise<LiveCallView | null> {
    const wait = deps.confirmWaitMs ?? 750;
    const until = deps.now() + OWNER_WAIT_MS;
    let view: LiveCallView | null = null;
    for (let attempt = 0; ; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, attempt < 4 ? wait : wait * 4));
      const live = await fetchLive(callSid).catch(() => null);
      view = live ? toLiveCallView(live, await deps.me()) : view;
      const pending = live?.ownerPending === true;
      if (view && left(view) && !pending) return view;
      if ((attempt >= 3 && !pending) || deps.now() >= until) return view;
    }
  }

  /**
   * A barging supervisor's leg ended with the room: if the rep's leave comes late, the call is theirs
   * after all (server/voice/monitoring.ts) and so is its wrap-up (`wrapUpDue`): opened then, or kept
   * owed until the call or wrap-up they are busy with is over.
   */
  async function watchTakeOver(current: { call: CallInfo; answeredAt: number }, callSid: string, endedAt: number): Promise<void> {
    const view = await lastWord(callSid, (seen) => seen.state !== 'live' || !seen.parties.some((party) => party.you));
    if (!view?.owner?.you) return;
    hub.apply({ type: 'wrapUpDue', call: current.call, answeredAt: current.answeredAt, endedAt });
    await hub.publish();
  }

  /** Inherited wrap-ups already asked about: each is asked about once, as it first opens. */
  const askedAbout = new Set<string>();

  /**
   * An inherited wrap-up opened, maybe long after its call (it waited for the screen): it goes again
   * when its notes were written elsewhere meanwhile or the call is someone else's (inherited-wrap-up.ts),
   * so no form opens that could only fail or overwrite. A server that cannot answer leaves it open.
   */
  async function checkInherited(callId: string, callSid: string): Promise<void> {
    const api = await deps.api();
    const entry = await server(() => api.callLogEntry(callSid)).catch((error: unknown) => {
      if (isGone(error)) return null;
      throw error;
    });
    if (inheritedWrapUpDue(entry, await deps.me())) return;
    hub.apply({ type: 'wrapUpNotDue', callId });
    await hub.publish();
  }

  const onUpdate = async ({ callSid, call }: LiveCallUpdate) => show(callSid, call ? toLiveCallView(call, await deps.me()) : null);
  const feed = (deps.feed ?? ((d) => createPollingFeed({ ...d, isGone })))({ fetchLive, onUpdate });

  /** Follows the room of the call being talked on; none otherwise (every published state comes here). */
  function sync(state: PublicState) {
    const current = state.calls.current;
    const callSid = current.kind === 'in-call' ? current.call.callSid : null;
    feed.follow(callSid);
    // Read by the next publish; the screens only show a live call that is the one being talked on.
    if (!callSid) facts.liveCall = null;
    if (current.kind === 'wrap-up' && current.inherited && current.call.callSid && !askedAbout.has(current.call.callId)) {
      askedAbout.add(current.call.callId);
      void checkInherited(current.call.callId, current.call.callSid).catch(() => undefined);
    }
  }
  hub.watch(sync);

  /** A request on the call the rep (or supervisor) is on; refused for any other call. */
  async function act(callSid: string, action: CallAction): Promise<LiveCallView> {
    const call = talkingOn();
    if (!call || call.callSid !== callSid) throw new ReplyError('not_current_call', 'That call is not the one you are on');
    const api = await deps.api();
    const live = await server(() => api.controlCall(callSid, action));
    if (handsOver(action)) facts.handedOver = [...facts.handedOver.slice(-19), call.callId];
    const view = toLiveCallView(live, await deps.me());
    facts.liveCall = view;
    await hub.publish();
    feed.refresh();
    return view;
  }

  return {
    act,

    /** The hold-resume shortcut: holds the caller of the call being talked on, or takes them off hold. */
    async toggleHold(): Promise<void> {
      const callSid = talkingOn()?.callSid;
      if (!callSid) return;
      await act(callSid, { kind: facts.liveCall?.callSid === callSid && facts.liveCall.hold ? 'resume' : 'hold' });
    },

    /**
     * A supervisor's listen / whisper / barge. Switching the mode of the call being monitored acts on
     * it; starting on another call remembers the request first, so its monitoring leg is answered by
     * itself when it rings (monitor-request.ts).
     */
    async monitor(callSid: string, mode: MonitorMode): Promise<LiveCallView> {
      const call = talkingOn();
      if (call?.callSid === callSid && call.invite?.purpose === 'monitor') return act(callSid, { kind: 'monitor', mode });
      const api = await deps.api();
      facts.monitorRequest = { callSid, at: deps.now() };
      await hub.publish();
      try {
        return toLiveCallView(await server(() => api.controlCall(callSid, { kind: 'monitor', mode })), await deps.me());
      } catch (error) {
        facts.monitorRequest = null;
        await hub.publish();
        throw error;
      }
    },

    async stopMonitor(callSid: string): Promise<LiveCallView> {
      const api = await deps.api();
      if (facts.monitorRequest?.callSid === callSid) facts.monitorRequest = null;
      return toLiveCallView(await server(() => api.controlCall(callSid, { kind: 'stop-monitor' })), await deps.me());
    },

    async colleagues(q: string) {
      const api = await deps.api();
      return server(() => api.colleagues(q));
    },

    async liveCalls() {
      const api = await deps.api();
      const { calls } = await server(() => api.liveCalls());
      const me = await deps.me();
      return { calls: calls.map((call) => toLiveCallView(call, me)) };
    },

    /** A call rings: true when it is this browser's own monitoring leg, answered here and now. */
    acceptsByItself(call: CallInfo): boolean {
      if (!acceptsByItself(call, facts.monitorRequest, deps.now())) return false;
      facts.monitorRequest = null;
      void deps.accept(call.callId).catch(() => undefined);
      return true;
    },

    /**
     * The rep's leg of the call being talked on ended: whether they get the after-call note. When others
     * were still on the call, the note shows at once and goes again if the server says the call went on
     * without them (`confirmWrapUp`).
     */
    legEnded(callId: string): 'wrap-up' | 'no-wrap-up' | 'ask-server' {
      const current = facts.calls.current;
      if (current.kind !== 'in-call' || current.call.callId !== callId) return 'wrap-up';
      const handedOver = facts.handedOver.includes(callId);
      facts.handedOver = facts.handedOver.filter((id) => id !== callId);
      const view = facts.liveCall?.callSid === current.call.callSid ? facts.liveCall : null;
      const after = afterLegEnded({ invite: current.call.invite, handedOver, view });
      if (after === 'ask-server' && view?.owner?.you) hadAtEnd.add(callId);
      if (after === 'no-wrap-up' && !handedOver && view?.monitoring === 'barge' && current.call.callSid) {
        void watchTakeOver(current, current.call.callSid, deps.now()).catch(() => undefined);
      }
      return after;
    },

    /**
     * Asks the server (a few times, until it has seen the rep leave and whose call it was at the end is
     * settled) whether the note is theirs after all. One the rep had when they left that ended as someone
     * else's keeps its form open, saying who has the call, so nothing typed meanwhile goes unseen.
     */
    async confirmWrapUp(callId: string, callSid: string): Promise<void> {
      const hadIt = hadAtEnd.delete(callId);
      const view = await lastWord(callSid, showsLeft);
      if (!view || afterServerView(view) === 'wrap-up') return;
      hub.apply(notDueBecause(view, hadIt) === 'taken-over' ? { type: 'wrapUpTakenOver', callId, by: view.owner?.name ?? null } : { type: 'wrapUpNotDue', callId });
      await hub.publish();
    },

    /** Signed out, or the phone went away. */
    reset() {
      facts.liveCall = null;
      facts.monitorRequest = null;
      facts.handedOver = [];
      hadAtEnd.clear();
      askedAbout.clear();
    },
  };
}
export type RoomControl = ReturnType<typeof createRoomControl>;
