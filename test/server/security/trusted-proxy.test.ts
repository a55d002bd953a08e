import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../../server/config.ts';
import type { TrustProxy } from '../../../server/security/client-address.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { openSharedStores } from '../support/store.ts';

// Sign-in limits over a real socket: the README's TLS proxy on this machine is the test itself,
// connecting from 127.0.0.1 and naming the client in X-Forwarded-For.

beforeAll(() => openSharedStores());

let t: TestApp | null = null;
let server: ServerType | null = null;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = null;
  await t?.close();
  t = null;
});

async function serverBehindProxy(trustProxy: TrustProxy): Promise<string> {
  t = await createTestApp({ deps: { trustProxy } });
  await t.addUser({ id: 'sato', email: 'sato@example.jp' });
  const app = t.app;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  return `http://127.0.0.1:${port}`;
}

const signIn = (url: string, forwardedFor: string | null, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
  });

async function addressCounts(): Promise<Record<string, number>> {
  const rows = await t!.store.db.selectFrom('rate_limits').select(['key', 'hits']).where('key', 'like', 'login:address:%').execute();
  return Object.fromEntries(rows.map((row) => [row.key.slice('login:address:'.length), row.hits]));
}

describe('the client address behind a trusted proxy (TRUST_PROXY)', () => {
  it('counts an attacker’s failures against the attacker, not against everyone behind the proxy', async () => {
    const url = await serverBehindProxy({ addresses: ['loopback'] });
    for (let i = 0; i < 3; i++) expect((await signIn(url, '203.0.113.9', `victim${i}@example.jp`, 'guess guess')).status).toBe(401);
    expect((await signIn(url, '198.51.100.7', 'sato@example.jp', 'correct horse battery')).status).toBe(200);
    expect(await addressCounts()).toEqual({ '203.0.113.9': 3, '198.51.100.7': 0 });
  });

  it('believes only the hops it trusts: an address the client wrote itself is ignored', async () => {
    const url = await serverBehindProxy({ hops: 1 });
    // The client sent "X-Forwarded-For: 10.9.9.9"; our one proxy appended the address it saw.
    expect((await signIn(url, '10.9.9.9, 203.0.113.9', 'nobody@example.jp', 'guess guess')).status).toBe(401);
    expect(await addressCounts()).toEqual({ '203.0.113.9': 1 });
  });

  it('ignores X-Forwarded-For entirely when no proxy is trusted (the default)', async () => {
    const url = await serverBehindProxy(parseServerConfig({}).trustProxy);
    expect((await signIn(url, '203.0.113.9', 'nobody@example.jp', 'guess guess')).status).toBe(401);
    expect(Object.keys(await addressCounts())).toEqual(['127.0.0.1']);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['false', null],
    ['0', null],
    ['1', { hops: 1 }],
    ['10.0.0.0/8, loopback,2001:db8::/32', { addresses: ['10.0.0.0/8', 'loopback', '2001:db8::/32'] }],
  ])('%j is %j', (value, expected) => {
    expect(parseServerConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('stops the start on an address it cannot read, naming the variable', () => {
    expect(() => parseServerConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: invalid IP address: true; give a hop count/);
  });
});
