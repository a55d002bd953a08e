import { describe, expect, it } from 'vitest';
import { applyManagedSettings, readManagedSettings, type PolicyTargets } from '@/storage/managed';

function settings(initial: { serverUrl?: string | null; enabledSites?: string[]; languageOverride?: 'ja' | 'en' | null; applied?: 'ja' | 'en' | null } = {}) {
  const values = {
    serverUrl: initial.serverUrl ?? null,
    enabledSites: initial.enabledSites ?? [],
    languageOverride: initial.languageOverride ?? null,
    appliedDefaultLanguage: initial.applied ?? null,
  };
  const item = <K extends keyof typeof values>(key: K) => ({
    getValue: async () => values[key],
    setValue: async (value: (typeof values)[K]) => void (values[key] = value),
  });
  const targets: PolicyTargets = {
    serverUrl: item('serverUrl'),
    enabledSites: item('enabledSites'),
    languageOverride: item('languageOverride'),
    appliedDefaultLanguage: item('appliedDefaultLanguage'),
  };
  return { values, targets };
}

describe('the organisation’s policy', () => {
  it('reads what storage.managed holds, dropping only the values it cannot take', async () => {
    const area = { get: async () => ({ serverUrl: 'https://phone.example.jp/', lockServerUrl: 'yes', enabledSites: ['crm.example.jp', 'ftp://x', 42], defaultLanguage: 'fr' }) };
    expect(await readManagedSettings(area)).toEqual({ serverUrl: 'https://phone.example.jp', enabledSites: ['https://crm.example.jp'] });
  });

  it('is nothing when the browser has no policy for us (Firefox rejects the read)', async () => {
    expect(await readManagedSettings({ get: () => Promise.reject(new Error('Managed storage manifest not found')) })).toEqual({});
    expect(await readManagedSettings(undefined)).toEqual({});
  });

  it('fills in the server for a rep who has none, and leaves a rep’s own server when it is not locked', async () => {
    const fresh = settings();
    expect(await applyManagedSettings({ serverUrl: 'https://phone.example.jp' }, fresh.targets)).toEqual({ serverReplaced: false });
    expect(fresh.values.serverUrl).toBe('https://phone.example.jp');
    const own = settings({ serverUrl: 'https://other.example.jp' });
    await applyManagedSettings({ serverUrl: 'https://phone.example.jp' }, own.targets);
    expect(own.values.serverUrl).toBe('https://other.example.jp');
  });

  it('replaces another server when the server is locked, so the rep is signed out of it', async () => {
    const own = settings({ serverUrl: 'https://other.example.jp' });
    expect(await applyManagedSettings({ serverUrl: 'https://phone.example.jp', lockServerUrl: true }, own.targets)).toEqual({ serverReplaced: true });
    expect(own.values.serverUrl).toBe('https://phone.example.jp');
  });

  it.each([
    ['an upper-case host', 'https://Phone.Example.jp'],
    ['the API address', 'https://phone.example.jp/api/'],
    ['the default port', 'https://phone.example.jp:443'],
  ])('reads a server written with %s as sign-in sends it', async (_what, serverUrl) => {
    expect(await readManagedSettings({ get: async () => ({ serverUrl, lockServerUrl: true }) })).toEqual({ serverUrl: 'https://phone.example.jp', lockServerUrl: true });
  });

  it('keeps a rep signed in whose saved server is the locked one written differently', async () => {
    const own = settings({ serverUrl: 'https://Phone.Example.jp/' });
    expect(await applyManagedSettings({ serverUrl: 'https://phone.example.jp', lockServerUrl: true }, own.targets)).toEqual({ serverReplaced: false });
    expect(own.values.serverUrl).toBe('https://Phone.Example.jp/');
  });

  it('adds the organisation’s sites to the rep’s', async () => {
    const rep = settings({ enabledSites: ['https://app.hubspot.com'] });
    await applyManagedSettings({ enabledSites: ['https://crm.example.jp', 'https://app.hubspot.com'] }, rep.targets);
    expect(rep.values.enabledSites).toEqual(['https://app.hubspot.com', 'https://crm.example.jp']);
  });

  it('sets the default language once; a rep’s own choice stays, one that came from the policy follows it', async () => {
    const rep = settings();
    await applyManagedSettings({ defaultLanguage: 'ja' }, rep.targets);
    expect(rep.values.languageOverride).toBe('ja');
    await applyManagedSettings({ defaultLanguage: 'en' }, rep.targets);
    expect(rep.values.languageOverride).toBe('en');
    rep.values.languageOverride = 'ja'; // the rep chose, and the policy is read again at every start
    await applyManagedSettings({ defaultLanguage: 'en' }, rep.targets);
    expect(rep.values.languageOverride).toBe('ja');
    const chosen = settings({ languageOverride: 'en' });
    await applyManagedSettings({ defaultLanguage: 'ja' }, chosen.targets);
    expect(chosen.values.languageOverride).toBe('en');
  });
});
