import { afterEach, describe, expect, it } from 'vitest';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { createClock, createEmulator, crmApp, OAUTH_CLIENT, serverInstance } from '../crm-outbox/support.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { wordedAs } from '../support/worded.ts';

/**
 * Connecting Zoho CRM took a grant `code`, `clientId` and `clientSecret` of any length the body limit let
 * through, and passed them on to Zoho. Zoho issues short ASCII values (a grant code `1000.<32 hex>.<32 hex>`,
 * 70 characters; a client id `1000.<30 characters>`, 35; a secret of 42): a value far past that is refused
 * naming its field, before Zoho is asked, and nothing is connected.
 */

let emulator: ZohoEmulator | null = null;
let t: TestApp | null = null;
afterEach(async () => {
  emulator?.close();
  await t?.close();
});

async function setup() {
  const clock = createClock();
  t = await createTestApp({ clock: { now: clock.now, advance: (s) => clock.advance(s * 1000), set: (d) => void (clock.ms = d.getTime()) } });
  emulator = createEmulator(clock);
  const app = crmApp(t.deps, serverInstance(t.store, emulator, clock).crm);
  await t.addUser({ id: 'admin', email: 'admin@example.jp', role: 'admin' });
  const token = await t.signIn('admin@example.jp');
  const connect = (body: Record<string, unknown>) =>
    app.request('/api/crm/zoho/connect', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const connected = async () => ((await (await app.request('/api/crm', { headers: { Authorization: `Bearer ${token}` } })).json()) as { connected: boolean }).connected;
  return { connect, connected, grantCode: () => emulator!.state.issueGrantCode(OAUTH_CLIENT.clientId) };
}

type ErrorBody = { error: { code: string; issues: { path: string; code: string; params?: { max: number } }[] } };

describe('a Zoho connection with a value longer than Zoho issues', () => {
  it.each([
    ['code', 200, (grant: string) => ({ code: `${grant}${'a'.repeat(200)}` })],
    ['clientId', 100, () => ({ clientId: `${OAUTH_CLIENT.clientId}${'X'.repeat(100)}` })],
    ['clientSecret', 100, () => ({ clientSecret: 's'.repeat(101) })],
  ])('%s is refused naming the field, and nothing is connected', async (field, max, override) => {
    const { connect, connected, grantCode } = await setup();
    const response = await connect({ dataCentre: 'JP', code: grantCode(), ...OAUTH_CLIENT, ...override(grantCode()) });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: field, code: 'too_long', params: { max } }] });
    expect(error.issues).toHaveLength(1);
    expect(wordedAs('ja', { error: error.issues[0] })).toMatch(new RegExp(`^${max} ?文字以内で入力してください。$`));
    expect(wordedAs('en', { error: error.issues[0] })).toBe(`At most ${max} characters.`);
    expect(await connected()).toBe(false);
  });

  it('a grant code and client as Zoho issues them still connect', async () => {
    const { connect, connected, grantCode } = await setup();
    const code = grantCode();
    expect(code).toHaveLength(70);
    expect((await connect({ dataCentre: 'JP', code, ...OAUTH_CLIENT })).status).toBe(200);
    expect(await connected()).toBe(true);
  });
});
