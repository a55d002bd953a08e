import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedTwilioCredentials } from '../../../server/routes/twilio/credentials.ts';
import { cachedIncomingNumber } from '../../../server/store/incoming-number-cache.ts';
import { incomingNumberSchema } from '../../../server/phone-config/schema.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ACCOUNT_SID, AUTH_TOKEN, configureTwilio } from '../voice/voice-harness.ts';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('what each instance keeps of the configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine: 'pglite' });
  });
  afterAll(() => t.close());

  it('keeps the Twilio credentials for their time, never an incomplete setup, and reads a rotated token afterwards', async () => {
    await configureTwilio(t.store, t.deps, { apiKey: false });
    const forTokens = cachedTwilioCredentials(t.deps, { ttlMs: 50, cacheable: (c) => Boolean(c.apiKeySid) });
    expect(await forTokens()).toMatchObject({ accountSid: ACCOUNT_SID, apiKeySid: null });
    await configureTwilio(t.store, t.deps); // the admin finishes the setup: it counts at once
    expect(await forTokens()).toMatchObject({ apiKeySid: expect.stringMatching(/^SK/) });

    const forWebhooks = cachedTwilioCredentials(t.deps, { ttlMs: 50 });
    expect(await forWebhooks()).toMatchObject({ authToken: AUTH_TOKEN });
    await t.store.db.updateTable('app_settings').set({ twilio: JSON.stringify({ accountSid: ACCOUNT_SID, authTokenSealed: t.deps.secretBox.seal('b'.repeat(32)) }) }).execute();
    expect(await forWebhooks()).toMatchObject({ authToken: AUTH_TOKEN }); // within its time: the copy
    await later(80);
    expect(await forWebhooks()).toMatchObject({ authToken: 'b'.repeat(32) });
  });

  it('looks a number it has not seen up at once, and keeps the numbers it read', async () => {
    const number = incomingNumberSchema.parse({ number: '+81312345678', label: '代表', route: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20 } });
    expect(await cachedIncomingNumber(t.store.db, number.number)).toBeNull();
    await t.store.db
      .insertInto('incoming_numbers')
      .values({ number: number.number, position: 0, definition: JSON.stringify(number), twilio_sid: null, previous_twilio: null, updated_at: new Date() })
      .execute();
    expect(await cachedIncomingNumber(t.store.db, number.number)).toMatchObject({ label: '代表' });
    await t.store.db.updateTable('incoming_numbers').set({ definition: JSON.stringify({ ...number, label: '営業' }) }).execute();
    expect(await cachedIncomingNumber(t.store.db, number.number)).toMatchObject({ label: '代表' });
  });
});
