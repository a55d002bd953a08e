import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgViewSchema } from '../../../contract/analytics.ts';
import { createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';

/** `GET /api/analytics/org`: the org's time zone and country, for the supervisor who may not read the configuration. */

let h: VoiceHarness;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await createVoiceHarness({ reps: ['sato'] });
  await h.addUser({ id: 'boss', name: '部長', role: 'admin' });
  await h.addUser({ id: 'kanri', name: '管理', role: 'supervisor' });
  for (const id of ['boss', 'kanri', 'sato']) tokens[id] = await h.signIn(`${id}@example.jp`);
  // The admin moves the org to New Jersey: its country and its time zone, as the options page saves them.
  const config = (await (await h.call('GET', '/api/config', { token: tokens.boss! })).json()) as { settings: Record<string, unknown> };
  const saved = await h.call('PUT', '/api/config', { token: tokens.boss!, body: { ...config, settings: { ...config.settings, defaultCountry: 'US', timeZone: 'America/New_York' } } });
  expect(saved.status, await saved.clone().text()).toBe(200);
});
afterAll(() => h.close());

const org = (user: string) => h.call('GET', '/api/analytics/org', { token: tokens[user]! });

describe('GET /api/analytics/org', () => {
  it('tells a supervisor the org’s country and time zone, which the configuration refuses them', async () => {
    expect((await h.call('GET', '/api/config', { token: tokens.kanri! })).status).toBe(403);
    const response = await org('kanri');
    expect(response.status).toBe(200);
    expect(orgViewSchema.parse(await response.json())).toEqual({ timeZone: 'America/New_York', country: 'US' });
  });

  it('answers an admin the same', async () => {
    expect(await (await org('boss')).json()).toEqual({ timeZone: 'America/New_York', country: 'US' });
  });

  it('is not for reps, nor for anyone signed out', async () => {
    expect((await org('sato')).status).toBe(403);
    expect((await h.call('GET', '/api/analytics/org')).status).toBe(401);
  });
});
