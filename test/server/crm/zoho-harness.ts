import { createZohoEmulator, EMULATOR_ACCOUNTS_URL } from '../../emulators/zoho/index.ts';
import type { CallLog } from '../../../server/crm/adapter.ts';
import { connectWithGrantCode } from '../../../server/crm/zoho/connect.ts';
import type { TokenStore, ZohoConnection } from '../../../server/crm/zoho/token-manager.ts';
import { createZohoAdapter, type ZohoAdapterOptions } from '../../../server/crm/zoho/zoho-adapter.ts';

export const OAUTH_CLIENT = { clientId: '1000.YOBIDASHITEST', clientSecret: 'emulator-secret' };
/** The Twilio account recordings are downloaded with; TWILIO_API_URL left at Twilio's own. */
export const TWILIO = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-auth-token', apiBaseUrl: 'https://api.twilio.com' };
export const RECORDING_URL = 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE0123456789abcdef0123456789abcdef';
export const RECORDING_BYTES = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 1, 2, 3, 4]);

export class MemoryTokenStore implements TokenStore {
  connection: ZohoConnection | null = null;
  saves = 0;
  async load() {
    return this.connection ? { ...this.connection } : null;
  }
  async save(connection: ZohoConnection) {
    this.saves++;
    this.connection = { ...connection };
  }
}

/** The true edge besides Zoho: Twilio's recording media, behind Basic auth. */
function withTwilioRecordings(zohoFetch: typeof fetch, downloads: string[]): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url).hostname !== 'api.twilio.com') return zohoFetch(input, init);
    const request = new Request(input, init);
    downloads.push(request.url);
    const expected = `Basic ${Buffer.from(`${TWILIO.accountSid}:${TWILIO.authToken}`).toString('base64')}`;
    if (request.headers.get('authorization') !== expected) return new Response(JSON.stringify({ code: 20003, message: 'Authenticate' }), { status: 401 });
    if (request.url !== `${RECORDING_URL}.mp3`) return new Response(JSON.stringify({ code: 20404, message: 'Not found' }), { status: 404 });
    return new Response(RECORDING_BYTES, { headers: { 'content-type': 'audio/mpeg' } });
  };
}

/** A connected Zoho adapter against a fresh emulator, with a clock the test moves. */
export async function connectedZoho(options: Partial<ZohoAdapterOptions> & { concurrencyLimit?: number } = {}) {
  const clock = { now: Date.parse('2026-11-24T03:00:00Z') };
  const now = () => clock.now;
  const emulator = createZohoEmulator({ now, concurrencyLimit: options.concurrencyLimit });
  emulator.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
  const store = new MemoryTokenStore();
  const downloads: string[] = [];
  const fetchFn = withTwilioRecordings(emulator.fetch, downloads);
  await connectWithGrantCode({
    fetch: fetchFn,
    dataCentre: 'JP',
    accountsUrl: EMULATOR_ACCOUNTS_URL,
    client: OAUTH_CLIENT,
    code: emulator.state.issueGrantCode(OAUTH_CLIENT.clientId),
    store,
    now,
  });
  const adapter = createZohoAdapter({
    dataCentre: 'JP',
    overrides: { accountsUrl: EMULATOR_ACCOUNTS_URL },
    oauthClient: OAUTH_CLIENT,
    tokenStore: store,
    fetch: fetchFn,
    twilio: TWILIO,
    locale: 'ja',
    now,
    ...options,
  });
  return { emulator, adapter, store, clock, downloads, fetch: fetchFn };
}

export function inboundCall(overrides: Partial<CallLog> = {}): CallLog {
  return {
    callSid: 'CA00000000000000000000000000000001',
    direction: 'inbound',
    outcome: 'answered',
    startedAt: new Date('2026-11-24T01:15:00Z'),
    durationSeconds: 125,
    from: '+81312345678',
    to: '+815012345678',
    counterpartName: '山田 太郎',
    related: { module: 'Contacts', id: '5725767000001000001' },
    ownerCrmUserId: '5725767000000411001',
    ivrPath: ['営業'],
    note: null,
    disposition: null,
    callResult: null,
    ...overrides,
  };
}
