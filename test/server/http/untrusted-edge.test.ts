import { sql } from 'kysely';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorFromThrown } from '../../../server/http/error-mapping.ts';
import { BODY_LIMITS } from '../../../server/http/body-limit.ts';
import { JSON_LIMITS } from '../../../server/http/json-bounds.ts';
import { createTestApp, PUBLIC_URL, type TestApp } from '../support/app.ts';
import { serveOverHttp, uploadUntilAnswered } from '../support/http-server.ts';
import { engines } from '../support/store.ts';
import { ACCOUNT_SID, AUTH_TOKEN, configureTwilio } from '../voice/voice-harness.ts';

/**
 * Issue 9's requests, each exactly as it was reported: none may answer 5xx, stall the server, or
 * make it buffer a body it will refuse. Per-test timeouts are the "never hangs" bound (the form
 * flood used to take 32 s); speed itself is measured in bench/edge.ts.
 */

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe.each(engines)('the untrusted edge on %s', (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await configureTwilio(t.store, t.deps);
    await t.addUser({ id: 'yamada', email: 'yamada@example.jp', role: 'admin' });
    admin = await t.signIn('yamada@example.jp');
  });
  afterAll(() => t.close());

  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; params?: unknown; issues?: { path: string; code: string }[] } }).error;

  describe('1. one unsigned webhook with a flood of repeated keys', () => {
    it('is refused at once, and /healthz answers meanwhile', { timeout: 5_000 }, async () => {
      const flood = 'a=b&'.repeat(60_000); // 240 kB, no signature: the request that froze the server for 32 s
      const [webhook, health] = await Promise.all([
        t.app.request('/twilio/voice', { method: 'POST', headers: FORM, body: flood }),
        t.app.request('/healthz'),
      ]);
      expect(webhook.status).toBe(413);
      expect(await errorOf(webhook)).toMatchObject({ code: 'body_too_large', params: { maxBytes: BODY_LIMITS.webhook } });
      expect(health.status).toBe(200);
    });

    it('refuses a body under the size limit with more parameters than Twilio ever sends, before parsing it', { timeout: 5_000 }, async () => {
      const response = await t.app.request('/twilio/voice', { method: 'POST', headers: FORM, body: 'a=b&'.repeat(15_000) });
      expect(response.status).toBe(403);
    });

    it('still accepts a genuinely signed webhook with repeated keys, parsed in one pass', async () => {
      const url = `${PUBLIC_URL}/twilio/status`;
      const params = { AccountSid: ACCOUNT_SID, CallSid: `CA${'7'.repeat(32)}`, CallStatus: 'completed', Tag: Array.from({ length: 300 }, (_, i) => `t${i}`) };
      const body = new URLSearchParams([
        ['AccountSid', params.AccountSid],
        ['CallSid', params.CallSid],
        ['CallStatus', params.CallStatus],
        ...params.Tag.map((tag) => ['Tag', tag] as [string, string]),
      ]).toString();
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
      const response = await t.app.request('/twilio/status', { method: 'POST', headers: { ...FORM, 'X-Twilio-Signature': signature }, body });
      expect(response.status).toBe(200);
    });
  });

  describe('2. bodies larger than any route reads', () => {
    let http: Awaited<ReturnType<typeof serveOverHttp>>;
    beforeAll(async () => {
      http = await serveOverHttp((request, env) => t.app.fetch(request, env));
    });
    afterAll(() => http.close());

    const declared = (path: string, type: string, bytes: number) =>
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: ${bytes}\r\n\r\n`;

    it('answers a declared 300 MB unsigned webhook 413 before the body is sent', { timeout: 10_000 }, async () => {
      const total = 300 * 1024 * 1024;
      const { status, bytesSent } = await uploadUntilAnswered(http.port, declared('/twilio/voice', 'application/x-www-form-urlencoded', total), { maxBytes: total });
      expect(status).toBe(413);
      expect(bytesSent).toBeLessThan(16 * 1024 * 1024);
    });

    it('judges a declared length by the header: one byte over the webhook limit is refused, the limit itself reaches the signature check', async () => {
      const post = (bytes: number) =>
        fetch(`http://127.0.0.1:${http.port}/twilio/voice`, { method: 'POST', headers: FORM, body: `a=${'b'.repeat(bytes - 2)}` });
      const over = await post(BODY_LIMITS.webhook + 1);
      expect(over.status).toBe(413);
      expect(await errorOf(over)).toMatchObject({ code: 'body_too_large', params: { maxBytes: BODY_LIMITS.webhook } });
      expect((await post(BODY_LIMITS.webhook)).status).toBe(403); // unsigned: refused by the signature check, not by size
    });

    it('answers a declared 200 MB sign-in body 413 before the body is sent', { timeout: 10_000 }, async () => {
      const total = 200 * 1024 * 1024;
      const { status, bytesSent } = await uploadUntilAnswered(http.port, declared('/api/auth/login', 'application/json', total), { maxBytes: total });
      expect(status).toBe(413);
      expect(bytesSent).toBeLessThan(16 * 1024 * 1024);
    });

    it('stops reading a streamed (chunked) body at the limit and answers 413 while the client is still sending', { timeout: 10_000 }, async () => {
      const total = 300 * 1024 * 1024;
      const head = 'POST /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
      const chunk = (bytes: number) => Buffer.concat([Buffer.from(`${bytes.toString(16)}\r\n`), Buffer.alloc(bytes, 0x20), Buffer.from('\r\n')]);
      const { status, bytesSent } = await uploadUntilAnswered(http.port, head, { maxBytes: total, chunk });
      expect(status).toBe(413);
      expect(bytesSent).toBeLessThan(16 * 1024 * 1024);
    });

    it('reads no further than the limit when a body streams in without a declared length', async () => {
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 16 * 1024;
          controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
        },
      });
      const response = await t.app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
      expect(response.status).toBe(413);
      expect(pulled).toBeLessThanOrEqual(BODY_LIMITS.json + 64 * 1024);
    });

    it('answers a POST with no body at all (no length, not chunked), and still limits the same route when it streams a body', async () => {
      const rep = await t.addUser({ id: 'bodiless', email: 'bodiless@example.jp', role: 'rep' }).then(() => t.signIn('bodiless@example.jp'));
      const token = await fetch(`http://127.0.0.1:${http.port}/api/token`, { method: 'POST', headers: { Authorization: `Bearer ${rep}` } });
      expect(token.status).toBe(200);
      expect(token.headers.get('content-type')).toContain('application/json');
      // The same route with bytes but no declared length (chunked) goes through the streaming limit.
      const head = `POST /api/token HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${rep}\r\nTransfer-Encoding: chunked\r\n\r\n`;
      const chunk = (bytes: number) => Buffer.concat([Buffer.from(`${bytes.toString(16)}\r\n`), Buffer.alloc(bytes, 0x20), Buffer.from('\r\n')]);
      const { status } = await uploadUntilAnswered(http.port, head, { maxBytes: 8 * BODY_LIMITS.json, chunk });
      expect(status).toBe(413);
    });

    it('still takes an audio upload of several megabytes (its own, larger limit)', async () => {
      const wav = Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(3 * 1024 * 1024)]);
      const response = await t.app.request('/api/audio?name=long.wav', { method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'audio/wav' }, body: wav });
      expect(response.status).toBe(201);
    });
  });

  describe('5. U+0000 anywhere', () => {
    it.each([
      ['the sign-in e-mail', 'POST', '/api/auth/login', { email: 'sato\u0000@example.jp', password: 'x' }, 'email'],
      ['a call note', 'PATCH', `/api/calls/CA${'1'.repeat(32)}`, { note: 'お客様\u0000より' }, 'note'],
      ['a user name', 'POST', '/api/users', { name: '佐藤\u0000', email: 'sato@example.jp', role: 'rep', password: 'sato-password' }, 'name'],
      ['a key of the configuration', 'PUT', '/api/config', { users: [], ['x\u0000']: 1 }, 'x\u0000'],
    ])('in %s is a 400 naming the field', async (_case, method, path, body, field) => {
      const response = await t.call(method, path, { token: admin, body });
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'invalid_input', issues: [{ path: field, code: 'invalid_characters' }] });
    });

    it.each([
      ['a number filter', '/api/calls?number=03%001234', 'query.number'],
      ['a cursor', '/api/calls?cursor=abc%00', 'query.cursor'],
      ['a user id in the path', '/api/users/a%00b', 'path'],
    ])('in %s is a 400 naming it', async (_case, path, field) => {
      const response = await t.call('GET', path, { token: admin });
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'invalid_input', issues: [{ path: field, code: 'invalid_characters' }] });
    });

    it('changes nothing when refused', async () => {
      const before = await t.call('GET', '/api/users', { token: admin }).then((r) => r.json());
      await t.call('POST', '/api/users', { token: admin, body: { name: '佐藤\u0000', email: 'sato@example.jp', role: 'rep', password: 'sato-password' } });
      expect(await t.call('GET', '/api/users', { token: admin }).then((r) => r.json())).toEqual(before);
    });

    it('maps the database’s own refusal of such text to 400, should any path reach it', async () => {
      const refusal = await sql`select ${'a\u0000b'}::text as value`.execute(t.store.db).catch((error: unknown) => error);
      expect(errorFromThrown(refusal)).toMatchObject({ status: 400, code: 'unsupported_characters' });
    });
  });

  describe('6. a percent sign in a path parameter', () => {
    it.each([
      ['GET', '/api/incoming/%25', undefined],
      ['PUT', '/api/incoming/%25', { label: '代表' }],
      ['DELETE', '/api/incoming/%25', undefined],
      ['POST', '/api/preview/%25', {}],
    ])('%s %s is "no such number", decoded once', async (method, path, body) => {
      const response = await t.call(method, path, { token: admin, ...(body ? { body } : {}) });
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: 'incoming_number_not_found', params: { number: '%' } });
    });

    it('still finds a number whose + is percent-encoded', async () => {
      await t.store.db
        .insertInto('incoming_numbers')
        .values({ number: '+81312345678', position: 0, definition: JSON.stringify({ label: '代表', enabled: true, record: false, voice: { language: 'ja-JP' }, messages: {}, route: { type: 'ring', users: ['yamada'], strategy: 'sequential', ringSeconds: 20, cycles: 1 } }), twilio_sid: null, previous_twilio: null, updated_at: t.clock.now() })
        .execute();
      const response = await t.call('GET', '/api/incoming/%2B81312345678', { token: admin });
      expect(response.status).toBe(200);
      await t.store.db.deleteFrom('incoming_numbers').execute();
    });
  });

  describe('7. a configuration nested thousands of levels deep', () => {
    const leaf = JSON.stringify([{ key: 1, label: '営業', action: { type: 'ring', users: ['yamada'], strategy: 'simultaneous' } }]);
    const nested = (levels: number) => '[{"key":1,"label":"x","action":{"type":"menu","menu":'.repeat(levels) + leaf + '}}]'.repeat(levels);
    const document = (levels: number) =>
      `{"users":[{"id":"yamada","name":"山田","email":"yamada@example.jp","role":"admin"}],"incoming":[{"number":"+81312345678","route":{"type":"ivr","menu":${nested(levels)}}}]}`;

    it('is refused before any schema recurses into it', async () => {
      const response = await t.call('PUT', '/api/config', { token: admin, body: document(5_000) });
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'json_too_deep', params: { maxDepth: JSON_LIMITS.maxDepth } });
    });

    it('still gets the menu rule’s own words for a menu a little too deep', async () => {
      const response = await t.call('PUT', '/api/config', { token: admin, body: document(6) });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).issues).toContainEqual(expect.objectContaining({ code: 'menu_too_deep' }));
    });
  });
});
