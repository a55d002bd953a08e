import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestStore } from '../support/store.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('/healthz', () => {
  it('is 200 with the configuration gaps listed while Twilio is not set up', async () => {
    const response = await t.call('GET', '/healthz');
    expect(response.status).toBe(200);
    const report = (await response.json()) as { status: string; database: string; migrations: string; problems: string[] };
    expect(report).toMatchObject({ status: 'degraded', database: 'ok', migrations: 'current' });
    expect(report.problems).toEqual([expect.stringContaining('Twilio is not configured')]);
  });

  it('reports a PUBLIC_URL that is missing or not HTTPS', async () => {
    await t.close();
    t = await createTestApp({ deps: { publicUrl: 'http://phone.example.jp' } });
    const report = (await (await t.call('GET', '/healthz')).json()) as { problems: string[] };
    expect(report.problems).toContain('PUBLIC_URL is not HTTPS: Twilio requires HTTPS for production webhooks.');
  });

  it('is ok once Twilio is configured', async () => {
    await t.store.db
      .updateTable('app_settings')
      .set({ twilio: JSON.stringify({ accountSid: `AC${'1'.repeat(32)}`, authTokenSealed: t.deps.secretBox.seal('token') }) })
      .execute();
    expect(await (await t.call('GET', '/healthz')).json()).toMatchObject({ status: 'ok', problems: [] });
  });

  it('is 503 when migrations are pending, so a load balancer keeps traffic away', async () => {
    await t.close();
    t = await createTestApp({ store: await createTestStore('pglite', { migrate: false }) });
    const response = await t.call('GET', '/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'down', migrations: 'pending' });
  });

  it('is 503 when the database is unreachable', async () => {
    const store = await createTestStore('pglite');
    await t.close();
    t = await createTestApp({ store });
    await store.close();
    const response = await t.call('GET', '/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'down', database: 'unreachable' });
  });
});
