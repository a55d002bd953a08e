/// <reference types="node" />
import type { Page } from 'playwright-core';
import { sendFromPage } from './extension';
import { fakeSdk } from './fake-sdk-driver';
import type { LogEntry } from './fake-voice-sdk';
import type { RunningServer } from './servers';
import { REP } from './rep-account.ts';

export { REP };

/** The rep's own Twilio number for outgoing calls (assigned by an admin). */
export const REP_OUTGOING_NUMBER = '+81501234567';
export const LEAD_PATH = '/crm/org90000001/tab/Leads/4876876000000456789';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
export interface CallShown {
  callId: string;
  number: string | null;
  calledLabel: string | null;
  ivrPath: string[];
  callSid: string | null;
  record: { module: string; id: string; name: string; url: string } | null;
}
export interface State {
  signedIn: boolean;
  online: boolean;
  status: string;
  outgoingNumber: string | null;
  calls: { current: { kind: string; call?: CallShown }; waiting: unknown };
  /** A call that did not start, and why. */
  callProblem: { reason: string; direction: string; number: string | null } | null;
}

export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** The background's public state, asked from one of our pages. */
export function stateFrom(page: Page) {
  return async (): Promise<State> => {
    const reply = await sendFromPage<Reply<State>>(page, { type: 'getState' });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  };
}

/** The rep, with an outgoing number, on the real server. */
export async function addRep(server: RunningServer): Promise<void> {
  await server.testApp.addUser({ ...REP, role: 'rep' });
  await server.testApp.store.db
    .insertInto('outgoing_assignments')
    .values({ user_id: REP.id, number: REP_OUTGOING_NUMBER, record: false })
    .execute();
}

/** Signs in through the protocol (as the options page does) and goes online; resolves once the phone is ready. */
export async function signInAndGoOnline(page: Page, serverUrl: string): Promise<State> {
  const signIn = await sendFromPage<Reply<State>>(page, { type: 'signIn', serverUrl, email: REP.email, password: REP.password });
  if (!signIn.ok) throw new Error(signIn.error.message);
  const online = await sendFromPage<Reply<State>>(page, { type: 'setOnline', online: true });
  if (!online.ok) throw new Error(online.error.message);
  return until(stateFrom(page), (state) => state.status === 'ready');
}

/** What the extension asked of the (fake) Twilio SDK from now on. */
export async function sdkCallsFromNow(page: Page) {
  const sdk = fakeSdk(page);
  const start = (await sdk.log()).log.length;
  return {
    sdk,
    waitFor: async (predicate: (log: LogEntry[]) => boolean) => (await sdk.waitFor((log) => predicate(log.slice(start)))).slice(start),
    entries: async () => (await sdk.log()).log.slice(start),
  };
}
