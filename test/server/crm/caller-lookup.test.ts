import { describe, expect, it } from 'vitest';
import { connectedZoho } from './zoho-harness.ts';
import { SEED_IDS } from '../../fixtures/zoho/seed.ts';

describe('who is calling', () => {
  it('names a contact stored as "+81 3-1234-5678" when +81312345678 calls, with a deep link', async () => {
    const { adapter } = await connectedZoho();
    const match = await adapter.lookupCaller('+81312345678');
    expect(match).toEqual({
      status: 'matched',
      record: {
        module: 'Contacts',
        id: SEED_IDS.yamada,
        name: '山田 太郎',
        url: `https://crm.zoho.jp/crm/org90000001/tab/Contacts/${SEED_IDS.yamada}`,
        modifiedAt: '2026-10-01T09:00:00+09:00',
      },
      others: [],
    });
  });

  it.each([
    ['a national number with hyphens', '+81661234567', '田中 美咲', 'Contacts'],
    ['a mobile stored as bare digits', '+818033334444', '小林 陽子', 'Leads'],
    ['an account line', '+81742123456', '株式会社サンプル', 'Accounts'],
    ['a foreign number', '+14155550100', 'John Smith', 'Contacts'],
  ])('finds %s', async (_label, e164, name, module) => {
    const { adapter } = await connectedZoho();
    const match = await adapter.lookupCaller(e164);
    expect(match).toMatchObject({ status: 'matched', record: { name, module } });
  });

  it('picks the most recently modified of several matches and lists the others', async () => {
    const { adapter } = await connectedZoho();
    // 045-222-3333: lead 伊藤 健 (Nov), contact 渡辺 直子 (Aug), account 伊藤商事 (May).
    const match = await adapter.lookupCaller('+81452223333');
    if (match.status !== 'matched') throw new Error(`expected a match, got ${match.status}`);
    expect(match.record).toMatchObject({ module: 'Leads', id: SEED_IDS.ito, name: '伊藤 健' });
    expect(match.others.map((other) => [other.module, other.name])).toEqual([
      ['Contacts', '渡辺 直子'],
      ['Accounts', '伊藤商事株式会社'],
    ]);
  });

  const searches = (emulator: { state: { requests: { path: string; query: string }[] } }) =>
    emulator.state.requests.filter((request) => request.path.endsWith('/search')).map((request) => `${request.path.split('/')[3]} ${request.query}`);

  it('costs 3 searches for a caller stored as people type numbers in Japan: the three modules, one form', async () => {
    const { adapter, emulator } = await connectedZoho();
    expect(await adapter.lookupCaller('+81661234567')).toMatchObject({ status: 'matched', record: { name: '田中 美咲' } });
    expect(searches(emulator).sort()).toEqual(['Accounts ?phone=06-6123-4567', 'Contacts ?phone=06-6123-4567', 'Leads ?phone=06-6123-4567']);
  });

  it('tries the next form only when one finds nothing: 6 searches for a caller stored in E.164 (+ sent as %2B)', async () => {
    const { adapter, emulator } = await connectedZoho();
    expect(await adapter.lookupCaller('+81312345678')).toMatchObject({ status: 'matched', record: { name: '山田 太郎' } });
    expect(searches(emulator).filter((search) => search.startsWith('Contacts'))).toEqual(['Contacts ?phone=03-1234-5678', 'Contacts ?phone=%2B81312345678']);
    expect(searches(emulator)).toHaveLength(6);
  });

  it('says "new caller" after 9 searches, then asks Zoho nothing for 30 s', async () => {
    const { adapter, emulator, clock } = await connectedZoho();
    expect(await adapter.lookupCaller('+81399998888')).toEqual({ status: 'new-caller' });
    expect(searches(emulator)).toHaveLength(9);
    clock.now += 29_000;
    expect(await adapter.lookupCaller('+81399998888')).toEqual({ status: 'new-caller' });
    expect(searches(emulator)).toHaveLength(9);
    clock.now += 2_000;
    await adapter.lookupCaller('+81399998888');
    expect(searches(emulator)).toHaveLength(18);
  });

  it('answers a match from the cache for a minute', async () => {
    const { adapter, emulator, clock } = await connectedZoho();
    await adapter.lookupCaller('+81312345678');
    const searchesAfterFirst = emulator.state.requests.length;
    await adapter.lookupCaller('+81312345678');
    expect(emulator.state.requests.length).toBe(searchesAfterFirst);
    clock.now += 61_000;
    await adapter.lookupCaller('+81312345678');
    expect(emulator.state.requests.length).toBeGreaterThan(searchesAfterFirst);
  });

  it('rings without a name when Zoho is slow, and fills it in afterwards', async () => {
    const { adapter, emulator } = await connectedZoho({ lookupBudgetMs: 100, orgSegment: 'org90000001' });
    emulator.faults.add({ kind: 'slow', delayMs: 400 }, Infinity, { path: /\/search$/ });
    const started = performance.now();
    const match = await adapter.lookupCaller('+81312345678');
    expect(performance.now() - started).toBeLessThan(300);
    if (match.status !== 'pending') throw new Error(`expected pending, got ${match.status}`);
    await expect(match.settled).resolves.toMatchObject({ status: 'matched', record: { name: '山田 太郎' } });
    emulator.close();
  });

  it('reports Zoho as unavailable (and does not cache it) when the searches fail', async () => {
    const { adapter, emulator } = await connectedZoho();
    emulator.faults.add({ kind: 'status', status: 503 }, 9, { path: /\/search$/ });
    expect(await adapter.lookupCaller('+81312345678')).toMatchObject({ status: 'unavailable' });
    expect(await adapter.lookupCaller('+81312345678')).toMatchObject({ status: 'matched' });
  });

  it('stays under Zoho’s concurrency limit with many callers at once', async () => {
    const { adapter } = await connectedZoho({ concurrencyLimit: 5 });
    const numbers = ['+81312345678', '+81661234567', '+818033334444', '+81742123456', '+81452223333', '+81399998888'];
    const matches = await Promise.all(numbers.map((number) => adapter.lookupCaller(number, { budgetMs: 5_000 })));
    expect(matches.map((match) => match.status)).toEqual(['matched', 'matched', 'matched', 'matched', 'matched', 'new-caller']);
  });
});
