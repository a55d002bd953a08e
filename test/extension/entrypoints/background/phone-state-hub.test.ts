import { describe, expect, it } from 'vitest';
import { createPhoneStateHub, type StoredValue } from '@/entrypoints/background/phone-state-hub';
import type { PhoneMemory } from '@/entrypoints/background/phone-memory';
import type { PublicState } from '@/messaging/public-state';
import type { Session } from '@/storage/items';

const stored = <T,>(value: T): StoredValue<T> => ({ getValue: async () => value, setValue: async () => undefined });
const user = { id: 'u1', name: 'Rep', email: 'r@example.jp', role: 'rep' };

function setUp(options: { memory?: StoredValue<PhoneMemory | null> } = {}) {
  const pushed: PublicState[] = [];
  const hub = createPhoneStateHub({
    transport: { open: async () => false, isOpen: async () => true, send: async () => undefined, close: async () => undefined } as never,
    createApi: () => ({}) as never,
    session: stored<Session | null>({ token: 'sess', user }),
    serverUrl: stored<string | null>('https://yb.example.jp'),
    wantsOnline: stored(true),
    broadcast: (state) => void pushed.push(state),
    memory: options.memory,
    now: () => 0,
  });
  return { hub, pushed };
}

describe('the state the screens are left with', () => {
  it('is the phone as it is when changes are published at once: a notice gone with the phone ready stays gone', async () => {
    const { hub, pushed } = setUp();
    await hub.ready;
    // A call button clicked while offline; the rep went online from the notice: connecting…
    hub.facts.callProblem = { reason: 'offline', direction: 'outgoing', number: '+81312345678', at: 0 };
    await hub.publish();
    expect(pushed.at(-1)).toMatchObject({ status: 'connecting', callProblem: { reason: 'offline' } });

    // …then registered, and two changes published together (the SDK's event and the online switch's answer).
    hub.facts.registration = 'registered';
    await Promise.all([hub.publish(), hub.publish()]);
    expect(pushed.at(-1)).toMatchObject({ status: 'ready', callProblem: null });
    expect(await hub.currentState()).toMatchObject({ status: 'ready', callProblem: null });
  });

  it('never reads as ready with the notice still up, even before the change is published', async () => {
    const { hub, pushed } = setUp();
    await hub.ready;
    hub.facts.callProblem = { reason: 'twilio-unreachable', direction: 'outgoing', number: '+81312345678', at: 0 };
    hub.facts.registration = 'unregistered';
    hub.facts.problem = 'twilio';
    await hub.publish();
    expect(pushed.at(-1)).toMatchObject({ callProblem: { reason: 'twilio-unreachable' } });
    expect(pushed.at(-1)?.status).not.toBe('ready');

    // The SDK registered; a screen asks for the state before the background has published the change.
    hub.facts.registration = 'registered';
    expect(await hub.currentState()).toMatchObject({ status: 'ready', callProblem: null });
    await hub.publish();
    expect(pushed.at(-1)).toMatchObject({ status: 'ready', callProblem: null });
  });

  it('reaches the screens in the order the changes happened, however long remembering one takes', async () => {
    // storage.session answers the first write late, the next ones at once.
    const delays = [20, 0];
    const memory: StoredValue<PhoneMemory | null> = {
      getValue: async () => null,
      setValue: (): Promise<void> => new Promise((resolve) => setTimeout(resolve, delays.shift() ?? 0)),
    };
    const { hub, pushed } = setUp({ memory });
    await hub.ready;
    hub.facts.registration = 'registering';
    const connecting = hub.publish();
    await new Promise((resolve) => setTimeout(resolve, 5));
    hub.facts.registration = 'registered';
    await Promise.all([connecting, hub.publish()]);
    expect(pushed.map((state) => state.status)).toEqual(['connecting', 'ready']);
  });
});
