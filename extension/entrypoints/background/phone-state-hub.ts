import type { ApiClient } from '@/api/client';
import type { PublicState } from '@/messaging/public-state';
import { READINESS_PROBLEMS } from '@/phone/call-problems';
import { canDial, transition, type CallEvent } from '@/phone/call-state';
import { phoneStatus } from '@/phone/phone-status';
import type { Session } from '@/storage/items';
import { blankPhoneFacts, recallPhoneMemory, type PhoneMemory } from './phone-memory';
import type { PhoneTransport } from './phone-transport';

export interface StoredValue<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

export interface StateHubDeps {
  transport: PhoneTransport;
  createApi: (serverUrl: string, token: string | null) => ApiClient;
  session: StoredValue<Session | null>;
  serverUrl: StoredValue<string | null>;
  wantsOnline: StoredValue<boolean>;
  /** Pushes the state to our pages and the subscribed tabs; may answer with the tabs that are gone. */
  broadcast: (state: PublicState, tabs: readonly number[]) => Promise<readonly number[]> | void;
  /** Where the public phone state outlives a service-worker restart (storage.session). */
  memory?: StoredValue<PhoneMemory | null>;
  now: () => number;
}

/** What the background knows about the phone (all of it survives a worker restart, see phone-memory.ts). */
export type PhoneFacts = Omit<PhoneMemory, 'tabs'>;

/**
 * The phone's state in the background and the one way it reaches the screens: every change goes through
 * `publish`, which remembers it (storage.session), pushes it to our pages and subscribed tabs, and wakes
 * whoever waits for a state (`stateWhen`).
 */
export function createPhoneStateHub(deps: StateHubDeps) {
  const facts: PhoneFacts = { ...blankPhoneFacts };
  /** Tabs whose content script asked for the state: they get every push (the page's call card). */
  const tabs = new Set<number>();
  const watchers = new Set<(state: PublicState) => void>();
  /** The status last read: a notice the phone's state explains goes when it turns ready. */
  let lastStatus: PublicState['status'] | null = null;

  const context = async () => {
    const [session, serverUrl] = await Promise.all([deps.session.getValue(), deps.serverUrl.getValue()]);
    return { session, serverUrl, api: serverUrl ? deps.createApi(serverUrl, session?.token ?? null) : null };
  };

  /**
   * The phone as it is now. Every read settles the notice first, so no reader (a screen asking, the
   * next publish) sees a ready phone still saying why a call could not start.
   */
  async function currentState(): Promise<PublicState> {
    const [{ session, serverUrl }, online] = await Promise.all([context(), deps.wantsOnline.getValue()]);
    const signedIn = session !== null;
    const { registration, problem } = facts;
    const status = phoneStatus({ signedIn, wantsOnline: online, registration, problem });
    if (noticeIsMoot(status)) facts.callProblem = null;
    lastStatus = status;
    return {
      signedIn,
      user: session?.user ?? null,
      serverUrl,
      online: signedIn && online,
      status,
      outgoingNumber: facts.outgoingNumber,
      calls: facts.calls,
      callProblem: facts.callProblem,
      // Only ever the room of the call being talked on.
      liveCall: facts.calls.current.kind === 'in-call' && facts.liveCall?.callSid === facts.calls.current.call.callSid ? facts.liveCall : null,
      network: networkOnScreen(facts),
    };
  }

  /** Only ever about the call on the card: the one talked on, or the one in wrap-up that the network dropped. */
  const networkOnScreen = ({ network, calls }: PhoneFacts) => {
    const { current } = calls;
    const shown = (current.kind === 'in-call' || current.kind === 'wrap-up') && current.call.callId === network?.callId;
    return shown ? network : null;
  };

  const remember = async () => {
    await deps.memory?.setValue({ ...facts, tabs: [...tabs] }).catch(() => undefined);
  };

  /**
   * A notice about a call that did not start goes once what stopped it is gone: the phone turned ready
   * (offline, connecting, Twilio unreachable…), or the call in the way is over (busy).
   */
  function noticeIsMoot(status: PublicState['status']) {
    const reason = facts.callProblem?.reason;
    if (!reason) return false;
    const turnedReady = status === 'ready' && lastStatus !== 'ready';
    return (turnedReady && READINESS_PROBLEMS.has(reason)) || (reason === 'busy' && canDial(facts.calls));
  }

  /**
   * One publish at a time, in the order they were asked for: each reads the facts, remembers them and
   * sends them before the next starts, so the last state a screen gets is the phone as it is (two at
   * once could send an older state last: "You are offline" on a ready phone).
   */
  let publishing: Promise<unknown> = Promise.resolve();
  async function publish() {
    const turn = publishing.then(publishInTurn);
    publishing = turn.catch(() => undefined);
    // The tabs' answers are awaited out of turn: a busy page holds up no later state.
    const gone = await (await turn).sent;
    if (gone?.length) {
      for (const tabId of gone) tabs.delete(tabId);
      await remember();
    }
  }

  async function publishInTurn() {
    const state = await currentState();
    await remember();
    for (const watcher of [...watchers]) watcher(state);
    return { sent: deps.broadcast(state, [...tabs]) };
  }

  /** After a service-worker restart: what we knew, corrected by the phone (phone-memory.ts). */
  async function restore() {
    const recalled = await recallPhoneMemory(deps);
    if (!recalled) return;
    const { tabs: remembered, ...known } = recalled;
    Object.assign(facts, known);
    for (const tabId of remembered) tabs.add(tabId);
    await publish();
  }
  const ready = restore().catch(() => undefined);

  return {
    facts,
    ready,
    context,
    currentState,
    publish,

    apply(event: CallEvent) {
      facts.calls = transition(facts.calls, event);
    },

    /** Every published state, from now on (returns the way to stop). */
    watch(listener: (state: PublicState) => void): () => void {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },

    /** The state once `ok` holds for a published one, or as it is after `ms`. */
    stateWhen(ok: (state: PublicState) => boolean, ms: number): Promise<PublicState> {
      return new Promise((resolve) => {
        const done = (state: PublicState) => {
          watchers.delete(check);
          clearTimeout(timer);
          resolve(state);
        };
        const check = (state: PublicState) => void (ok(state) && done(state));
        const timer = setTimeout(() => void currentState().then(done), ms);
        watchers.add(check);
        void currentState().then(check);
      });
    },

    /** A content script asked for the state: its tab gets the pushes from now on, across restarts too. */
    async subscribe(tabId: number) {
      await ready;
      if (tabs.has(tabId)) return;
      tabs.add(tabId);
      await remember();
    },
    hasSubscriber: async (tabId: number) => (await ready, tabs.has(tabId)),
  };
}
export type PhoneStateHub = ReturnType<typeof createPhoneStateHub>;
