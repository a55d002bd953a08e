import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createSecretBox } from '../../../server/security/secret-box.ts';
import type { FakeAccountData } from '../../emulators/twilio-rest/state.ts';
import { wordedAs } from '../support/worded.ts';
import { freshAdminEachTest, newTwilioAccount } from './harness.ts';

/**
 * The server moved and SECRET_KEY (or DATA_DIR/secret.key) did not come along: the sealed Auth Token
 * and API key secret can no longer be opened. They count as missing: the pages still open and say
 * what to do, reps' voice tokens answer "not set up" (never a 500), and entering the Auth Token again
 * in Step 1 repairs everything — with a new API key, since the old one's secret is lost for good.
 */
let account: FakeAccountData;
let credentials: { accountSid: string; authToken: string };
const { twilioApi, t } = freshAdminEachTest(async (t, twilioApi) => {
  ({ data: account, credentials } = newTwilioAccount(twilioApi));
  expect((await t.api('PUT', '/api/twilio/account', { body: credentials })).status).toBe(200);
  await t.addUser({ id: 'sato', name: '佐藤', email: 'sato@example.jp' });
});

/** The same database, served by a server whose SECRET_KEY is another one. */
function afterTheMove() {
  const app = createApp({ ...t.deps, secretBox: createSecretBox('a-different-secret-key-0000000000000000') });
  return async (method: string, path: string, { body, token = t.token }: { body?: unknown; token?: string } = {}) =>
    app.request(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

describe('after SECRET_KEY changed', () => {
  it('Step 1 shows the account with what to do, in both languages', async () => {
    const api = afterTheMove();
    const response = await api('GET', '/api/twilio/account');
    expect(response.status).toBe(200);
    const view = (await response.json()) as { problem: { code: string } };
    expect(view).toMatchObject({ configured: true, accountSid: credentials.accountSid, problem: { code: 'twilio_secrets_unreadable' } });
    expect(wordedAs('ja', { error: view.problem })).toContain('Auth Token をもう一度入力');
    expect(wordedAs('en', { error: view.problem })).toContain('enter the Auth Token again');
  });

  it('a rep’s voice token answers “Twilio is not set up”, not a 500', async () => {
    const api = afterTheMove();
    const rep = await t.signIn('sato@example.jp');
    const response = await api('POST', '/api/token', { body: {}, token: rep });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: 'twilio_not_configured' } });
  });

  it('entering the credentials again repairs everything: a new API key (the old one deleted), the setup check, voice tokens', async () => {
    const api = afterTheMove();
    const [oldKey] = [...account.keys.keys()];
    const again = await api('PUT', '/api/twilio/account', { body: credentials });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: { apiKey: true, twimlApp: false } });
    expect([...account.keys.keys()]).not.toContain(oldKey);
    expect(account.keys.size).toBe(1);
    expect((await api('GET', '/api/twilio/account')).status).toBe(200);
    expect((await api('GET', '/api/twilio/setup-check')).status).toBe(200);
    const rep = await t.signIn('sato@example.jp');
    expect((await api('POST', '/api/token', { body: {}, token: rep })).status).toBe(200);
  });

  it('switching to another account says the old one could not be tidied, and what stays there', async () => {
    const api = afterTheMove();
    const [oldKey] = [...account.keys.keys()];
    const [oldApp] = [...account.applications.keys()];
    const next = newTwilioAccount(twilioApi);
    const response = await api('PUT', '/api/twilio/account', { body: next.credentials });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      accountSid: next.credentials.accountSid,
      previousAccount: {
        accountSid: credentials.accountSid,
        cleanup: { problem: { code: 'twilio_secrets_unreadable' }, left: { apiKeySid: oldKey, twimlAppSid: oldApp, numbers: [] } },
      },
    });
  });
});
