import { describe, expect, it } from 'vitest';
import { connectedZoho } from './zoho-harness.ts';
import { SEED_IDS } from '../../fixtures/zoho/seed.ts';
import type { ZohoClient, ZohoRequest } from '../../../server/crm/zoho/client.ts';
import { ZohoCallerLookup } from '../../../server/crm/zoho/caller-lookup.ts';

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
    emulator.state.requests
      .filter((request) => request.path.endsWith('/search'))
      .map((request) => `${request.path.split('/')[3]} ${new URLSearchParams(request.query).get('phone')}`);

  it('asks the three modules for the three usual spellings of a landline at once: 9 searches for a caller found so (+ sent as %2B)', async () => {
    const { adapter, emulator } = await connectedZoho();
    expect(await adapter.lookupCaller('+81661234567')).toMatchObject({ status: 'matched', record: { name: '田中 美咲' } });
    expect(searches(emulator).filter((search) => search.startsWith('Contacts'))).toEqual(['Contacts 06-6123-4567', 'Contacts +81661234567', 'Contacts 0661234567']);
    expect(searches(emulator)).toHaveLength(9);
    expect(emulator.state.requests.some((request) => request.query === '?phone=%2B81661234567')).toBe(true);
  });

  it('searches the rarer spellings only when the usual ones found nobody: full-width, 03（1234）5678, +81 3-…', async () => {
    const { adapter, emulator } = await connectedZoho();
    emulator.state.module('Contacts')!.set('5725767000001000888', { id: '5725767000001000888', Full_Name: '小林 全角', Phone: '０３－４４４４－５５５５', Modified_Time: '2025-05-01T09:00:00+09:00' });
    expect(await adapter.lookupCaller('+81344445555')).toMatchObject({ status: 'matched', record: { name: '小林 全角' } });
    expect(searches(emulator).filter((search) => search.startsWith('Contacts'))).toEqual([
      'Contacts 03-4444-5555',
      'Contacts +81344445555',
      'Contacts 0344445555',
      'Contacts +81 3-4444-5555',
      'Contacts ０３－４４４４－５５５５',
      'Contacts 03（4444）5555',
    ]);
    expect(searches(emulator)).toHaveLength(18);
  });

  it('says "new caller" after 18 searches, then asks Zoho nothing for 30 s', async () => {
    const { adapter, emulator, clock } = await connectedZoho();
    expect(await adapter.lookupCaller('+81399998888')).toEqual({ status: 'new-caller' });
    expect(searches(emulator)).toHaveLength(18);
    clock.now += 29_000;
    expect(await adapter.lookupCaller('+81399998888')).toEqual({ status: 'new-caller' });
    expect(searches(emulator)).toHaveLength(18);
    clock.now += 2_000;
    await adapter.lookupCaller('+81399998888');
    expect(searches(emulator)).toHaveLength(36);
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

  it('reports Zoho as unavailable, asks it nothing for 5 s, then asks again', async () => {
    const { adapter, emulator, clock } = await connectedZoho();
    emulator.faults.add({ kind: 'status', status: 503 }, Infinity, { path: /\/search$/ });
    expect(await adapter.lookupCaller('+81312345678')).toMatchObject({ status: 'unavailable' });
    const asked = searches(emulator).length;
    expect(await adapter.lookupCaller('+81661234567')).toMatchObject({ status: 'unavailable' });
    expect(searches(emulator)).toHaveLength(asked);
    emulator.faults.clear();
    clock.now += 6_000;
    expect(await adapter.lookupCaller('+81312345678')).toMatchObject({ status: 'matched' });
  });

  it('stays under Zoho’s concurrency limit with many callers at once', async () => {
    const { adapter } = await connectedZoho({ concurrencyLimit: 5 });
    const numbers = ['+81312345678', '+81661234567', '+818033334444', '+81742123456', '+81452223333', '+81399998888'];
    const matches = await Promise.all(numbers.map((number) => adapter.lookupCaller(number, { budgetMs: 5_000 })));
    expect(matches.map((match) => match.status)).toEqual(['matched', 'matched', 'matched', 'matched', 'matched', 'new-caller']);
  });
});

describe('who is calling, whatever the spelling of the number in Zoho', () => {
  const contact = (id: string, fields: Record<string, unknown>) => ({ id, Modified_Time: '2026-10-01T09:00:00+09:00', ...fields });

  it('finds 渡辺 直子, whose mobile the seed holds in full-width (０９０－５５５５－６６６６)', async () => {
    const { adapter } = await connectedZoho();
    expect(await adapter.lookupCaller('+819055556666')).toMatchObject({ status: 'matched', record: { module: 'Contacts', id: SEED_IDS.watanabe } });
  });

  it('finds a landline stored with its area code in brackets, 03（1111）2222', async () => {
    const { adapter, emulator } = await connectedZoho();
    emulator.state.module('Contacts')!.set('5725767000001000099', contact('5725767000001000099', { Full_Name: '木村 拓', Phone: '03（1111）2222' }));
    expect(await adapter.lookupCaller('+81311112222')).toMatchObject({ status: 'matched', record: { name: '木村 拓' } });
  });

  it('finds an account whose only number is its Fax (TEL/FAX 共用)', async () => {
    const { adapter, emulator } = await connectedZoho();
    emulator.state.module('Accounts')!.set('5725767000003000099', contact('5725767000003000099', { Account_Name: '有限会社テルファクス', Phone: null, Fax: '03-7777-8888' }));
    expect(await adapter.lookupCaller('+81377778888')).toMatchObject({ status: 'matched', record: { module: 'Accounts', name: '有限会社テルファクス' } });
  });

  /** A client standing for Zoho that answers the Contacts search for one spelling with `record`. */
  const zohoAnswering = (phone: string, record: Record<string, unknown>) =>
    ({
      request: async (request: ZohoRequest) =>
        request.path === '/crm/v8/Contacts/search' && request.query?.['phone'] === phone ? { status: 200, body: { data: [record] } } : { status: 204, body: null },
    }) as unknown as ZohoClient;
  const recordUrl = async (module: string, id: string) => `https://crm.zoho.jp/crm/tab/${module}/${id}`;

  it('keeps a contact Zoho found through a custom phone field (直通電話, Direct_Line)', async () => {
    const client = zohoAnswering('03-1234-5678', contact('5725767000001000555', { Full_Name: '山田 太郎', Phone: '03-9999-0000', Direct_Line: '03-1234-5678' }));
    const lookup = new ZohoCallerLookup({ client, recordUrl });
    expect(await lookup.lookup('+81312345678')).toMatchObject({ status: 'matched', record: { id: '5725767000001000555' } });
  });

  it('drops a record Zoho returned loosely, none of whose numbers is the caller’s', async () => {
    const client = zohoAnswering('03-1234-5678', contact('5725767000001000556', { Full_Name: '別人', Phone: '03-1234-56789', Description: '先方の旧番号 03-1234-5678 から移転' }));
    const lookup = new ZohoCallerLookup({ client, recordUrl });
    expect(await lookup.lookup('+81312345678')).toEqual({ status: 'new-caller' });
  });

  it('shows the most recently modified record whichever usual spelling it has, and lists the other', async () => {
    const { adapter, emulator } = await connectedZoho();
    emulator.state.module('Contacts')!.set('5725767000001000777', { id: '5725767000001000777', Full_Name: '森 旧担当', Phone: '03-2222-3333', Modified_Time: '2024-01-10T09:00:00+09:00' });
    emulator.state.module('Leads')!.set('5725767000002000777', { id: '5725767000002000777', Full_Name: '森 新規', Phone: '+81322223333', Modified_Time: '2026-11-23T09:00:00+09:00' });
    const match = await adapter.lookupCaller('+81322223333');
    if (match.status !== 'matched') throw new Error(`expected a match, got ${match.status}`);
    expect({ shown: match.record.name, others: match.others.map((other) => other.name) }).toEqual({ shown: '森 新規', others: ['森 旧担当'] });
  });
});

describe('who is calling while Zoho is in trouble', () => {
  it('waits the budget once while Zoho hangs, not at every step of a sequential ring', async () => {
    const { adapter, emulator } = await connectedZoho({ lookupBudgetMs: 150, requestTimeoutMs: 100 });
    emulator.faults.add({ kind: 'slow', delayMs: 2_000 }, Infinity, { path: /\/search$/ });
    const first = await adapter.lookupCaller('+81312345678');
    if (first.status !== 'pending') throw new Error(`expected pending, got ${first.status}`);
    expect((await first.settled).status).toBe('unavailable');
    const started = performance.now();
    const nextRep = await adapter.lookupCaller('+81312345678');
    const waited = performance.now() - started;
    emulator.close();
    expect({ status: nextRep.status, waitedUnder100ms: waited < 100 }).toEqual({ status: 'unavailable', waitedUnder100ms: true });
  });

  it('asks Zoho nothing while its 429 Retry-After runs, then asks again', async () => {
    const { adapter, emulator, clock } = await connectedZoho();
    emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 60 }, Infinity, { path: /\/search$/ });
    expect(await adapter.lookupCaller('+81312345678')).toMatchObject({ status: 'unavailable' });
    const asked = emulator.state.requests.length;
    clock.now += 59_000;
    expect(await adapter.lookupCaller('+81661234567')).toMatchObject({ status: 'unavailable' });
    expect(emulator.state.requests.length).toBe(asked);
    emulator.faults.clear();
    clock.now += 2_000;
    expect(await adapter.lookupCaller('+81661234567')).toMatchObject({ status: 'matched', record: { name: '田中 美咲' } });
  });
});
