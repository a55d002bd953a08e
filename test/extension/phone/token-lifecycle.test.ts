import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { TOKEN_ATTEMPTS } from '@/entrypoints/background/token-recovery';
import { FakeDevice, phoneWithDevice, rep, repApi } from '../entrypoints/background/fake-phone';

/** A PhoneDevice that behaves like the SDK's Device as far as registration and tokens go. */
class TokenDevice extends FakeDevice {
  tokens: string[];
  registerCalls = 0;
  connects: Record<string, string>[] = [];
  /**
   * Twilio refuses every token (its API key deleted or revoked): the gateway answers the registration, and
   * each token re-sent by updateToken (pstream `setToken`), with AccessTokenInvalid, which the Device emits
   * with no call (device.ts `_onSignalingError`).
   */
  refusesTokens = false;
  constructor(token: string) {
    super();
    this.tokens = [token];
  }
  override async register() {
    this.registerCalls++;
    if (this.refusesTokens) return this.refuse();
    this.registration = 'registered';
    this.emit('registered');
  }
  refuse() {
    setTimeout(() => {
      this.registration = 'unregistered';
      this.emit('error', 20101, 'AccessTokenInvalid', null);
    }, 50);
  }
  override async unregister() {
    this.registration = 'unregistered';
  }
  override async connect({ params }: { params: Record<string, string> }) {
    this.connects.push(params);
  }
  override updateToken(token: string) {
    this.tokens.push(token);
    if (this.refusesTokens) this.refuse();
  }
}

function setUp(options: { refusesTokens?: boolean } = {}) {
  let now = 1_000_000;
  let issued = 0;
  let serverDown = false;
  const fail = () => { throw new ApiError('unreachable', 'down'); };
  const asked = { tokens: 0 };
  const api = repApi({
    login: async (_email: string, password: string) => {
      if (password === 'wrong') throw new ApiError('unauthorized', 'Wrong email or password', 401);
      return { token: 'sess', user: rep };
    },
    logout: async () => null,
    me: async () => ({ user: rep, outgoingNumber: '+81501234567', presence: { available: false, onCall: false } }),
    setPresence: async (available: boolean) => (serverDown ? fail() : { available }),
    token: async () => (asked.tokens++, serverDown ? fail() : { token: `jwt-${++issued}`, identity: 'rep_u1', ttl: 3600 }),
    listCalls: async () => ({ calls: [], nextCursor: null }),
    patchCall: async () => ({ sid: 'CA1', direction: 'outgoing', status: 'completed' }),
  });

  const { controller, devices, states, events, device, settle } = phoneWithDevice({
    offscreen: { newDevice: (token) => Object.assign(new TokenDevice(token), { refusesTokens: Boolean(options.refusesTokens) }) },
    createApi: () => api,
    now: () => now,
    newId: (): string => `call-${states.length}`,
    language: async () => 'en-US',
  });
  return {
    controller, devices, states, events, asked,
    device,
    advance: (ms: number) => void (now += ms),
    setServerDown: (down: boolean) => void (serverDown = down),
    settle,
  };
}

describe('the phone stays reachable', () => {
  it('going online registers a device with a token from the server', async () => {
    const t = setUp();
    const state = await t.controller.setOnline(true);
    expect(t.device().tokens).toEqual(['jwt-1']);
    expect(t.device().registration).toBe('registered');
    expect(state.status).toBe('ready');
  });

  it('refreshes the token on tokenWillExpire when no call is on', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.device().emit('tokenWillExpire');
    await t.settle();
    expect(t.device().tokens).toEqual(['jwt-1', 'jwt-2']);
  });

  it('waits for the call to end before refreshing, when there is time', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    await t.controller.dial('+81312345678', null);
    const id = ((await t.controller.calls()).current as { call: { callId: string } }).call.callId;
    t.device().emit('callStateChanged', id, 'accepted', 'CA1');
    t.device().emit('tokenWillExpire');
    await t.settle();
    expect(t.device().tokens).toEqual(['jwt-1']);
    t.device().emit('callStateChanged', id, 'disconnected', 'CA1');
    await t.settle();
    expect(t.device().tokens).toEqual(['jwt-1', 'jwt-2']);
  });

  it('re-registers after an expired-token error', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.device().registration = 'unregistered'; // what the SDK does on 31205: it stops registering
    t.device().emit('error', 31205, 'JWT token expired', null);
    await t.settle();
    expect(t.device().tokens).toEqual(['jwt-1', 'jwt-2']);
    expect(t.device().registration).toBe('registered');
    expect(t.device().registerCalls).toBe(2);
  });

  it('restores a registration that died silently, on the next heartbeat', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.device().registration = 'unregistered'; // frozen client: no event at all
    await t.controller.heartbeat();
    expect(t.device().registerCalls).toBe(2);
    expect((await t.controller.state()).status).toBe('ready');
  });

  it('fetches a fresh token on the heartbeat when the expiry timer never fired', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.advance(3600_000);
    await t.controller.heartbeat();
    expect(t.device().tokens).toEqual(['jwt-1', 'jwt-2']);
  });

  it('says the server is unreachable, and recovers when it is back', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.setServerDown(true);
    await t.controller.heartbeat();
    expect((await t.controller.state()).status).toBe('server-unreachable');
    t.setServerDown(false);
    await t.controller.heartbeat();
    expect((await t.controller.state()).status).toBe('ready');
  });

  it('sends the number, the record and the rep’s language with an outgoing call', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    const record = { crm: 'zoho', module: 'Deals', id: '77', name: '大型案件', url: 'https://crm.zoho.jp/crm/org1/tab/Potentials/77' };
    await t.controller.dial('+81312345678', record);
    expect(t.device().connects).toEqual([
      { To: '+81312345678', crm: 'zoho', crmModule: 'Deals', crmId: '77', crmName: '大型案件', crmUrl: record.url, language: 'en-US' },
    ]);
    expect((await t.controller.calls()).current.kind).toBe('dialing');
  });

  it('hang up names the call being dialled, so dialling can be cancelled before it connects', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    expect(await t.controller.activeCallId()).toBeNull();
    const { callId } = await t.controller.dial('+81312345678', null);
    expect(await t.controller.activeCallId()).toBe(callId);
  });

  it('going offline destroys the device', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    const state = await t.controller.setOnline(false);
    expect(t.device().registration).toBe('destroyed');
    expect(state.status).toBe('offline');
  });
});

describe('signing in', () => {
  it('a mistyped password keeps the current session', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    const login = t.controller.signIn('https://yb.example.jp', 'r@example.jp', 'wrong');
    await expect(login).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await t.controller.state()).signedIn).toBe(true);
  });
});

describe('Twilio refuses every token (an API key deleted or revoked)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function goOnlineRefused() {
    const t = setUp({ refusesTokens: true });
    const online = t.controller.setOnline(true);
    await vi.advanceTimersByTimeAsync(100);
    await online;
    return t;
  }

  it('tries a fresh token at once, then backs off, and stops after three refusals: the rep sees it', async () => {
    const t = await goOnlineRefused();
    // The first token, refused; a fresh one at once, refused again; the next only after a back-off.
    expect(t.asked.tokens).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.asked.tokens).toBe(2);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.asked.tokens).toBe(1 + TOKEN_ATTEMPTS);
    expect(await t.controller.state()).toMatchObject({ online: true, status: 'twilio-unreachable' });

    // Given up: the refusals that keep coming (the SDK, the host's watchdog) ask for nothing more.
    t.device().emit('error', 20101, 'AccessTokenInvalid', null);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(t.asked.tokens).toBe(1 + TOKEN_ATTEMPTS);
  });

  it('after giving up, each heartbeat tries one token; one Twilio takes makes the phone ready again', async () => {
    const t = await goOnlineRefused();
    await vi.advanceTimersByTimeAsync(60_000);
    const given = t.asked.tokens;

    const beat = t.controller.heartbeat();
    await vi.advanceTimersByTimeAsync(100);
    await beat;
    expect(t.asked.tokens).toBe(given + 1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.asked.tokens).toBe(given + 1);

    // The admin fixed the API key.
    t.device().refusesTokens = false;
    const next = t.controller.heartbeat();
    await vi.advanceTimersByTimeAsync(100);
    await next;
    expect(t.asked.tokens).toBe(given + 2);
    expect((await t.controller.state()).status).toBe('ready');
  });

  it('going offline and online again starts over with fresh tokens', async () => {
    const t = await goOnlineRefused();
    await vi.advanceTimersByTimeAsync(60_000);
    await t.controller.setOnline(false);
    const given = t.asked.tokens;
    const online = t.controller.setOnline(true);
    await vi.advanceTimersByTimeAsync(100);
    await online;
    expect(t.asked.tokens).toBe(given + 2);
  });

  it('a refused token mended by the next one needs no back-off and tells the rep nothing', async () => {
    const t = setUp();
    await t.controller.setOnline(true);
    t.device().registration = 'unregistered';
    t.device().emit('error', 20101, 'AccessTokenInvalid', null);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.device().tokens).toEqual(['jwt-1', 'jwt-2']);
    expect((await t.controller.state()).status).toBe('ready');
  });
});
