import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../server/security/secret-box.ts';
import { hitRateLimit, RATE_LIMIT_ROWS_KEPT_SECONDS } from '../../../server/security/rate-limit.ts';
import { migrateToLatest, pendingMigrations, type Store } from '../../../server/store/database.ts';
import { migrations } from '../../../server/store/migrations/index.ts';
import {
  ConfigConflict,
  loadPhoneConfig,
  loadTwilioCredentials,
  replacePhoneConfig,
} from '../../../server/store/phone-config-store.ts';
import {
  clearOnCall,
  HEARTBEAT_TIMEOUT_SECONDS,
  markOnCall,
  moveToBack,
  ringOrder,
  setAvailability,
} from '../../../server/store/presence.ts';
import { createSession, revokeSession, SESSION_IDLE_DAYS, userForSession } from '../../../server/store/sessions.ts';
import type { PhoneConfig } from '../../../server/phone-config/schema.ts';
import { createTestStore, engines, openSameDatabase } from '../support/store.ts';

const t0 = new Date('2026-11-24T09:00:00+09:00');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const secretBox = createSecretBox('storage-suite-secret-key-0123456789');

async function addUsers(store: Store, ids: string[]) {
  for (const id of ids) {
    await store.db
      .insertInto('users')
      .values({ id, name: id, email: `${id}@example.jp`, role: 'rep', password_hash: null, crm_user_id: null, updated_at: t0 })
      .execute();
  }
}

function baseConfig(overrides: Partial<PhoneConfig> = {}): PhoneConfig {
  return {
    twilio: {},
    settings: { defaultCountry: 'JP', allowedCountries: [], outgoingHoldMusic: { type: 'default' }, timeZone: 'Asia/Tokyo', followUpDueHours: 4 },
    users: [
      { id: 'admin', name: '管理者', email: 'admin@example.jp', role: 'admin', crmUserId: null, active: true },
      { id: 'sato', name: '佐藤 花子', email: 'sato@example.jp', role: 'rep', crmUserId: null, active: true },
    ],
    incoming: [
      {
        number: '+81312345678',
        label: '代表',
        enabled: true,
        record: false,
        voice: { language: 'ja-JP' },
        messages: {},
        route: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20, cycles: 1 },
        holdMusic: { type: 'default' },
      },
    ],
    outgoing: [{ user: 'sato', number: '+81312345678', record: true }],
    ...overrides,
  };
}

describe.each(engines)('storage on %s', (engine) => {
  let store: Store;
  const open: Store[] = [];
  const fresh = async (options?: { migrate?: boolean }) => {
    store = await createTestStore(engine, options);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  describe('migrations', () => {
    it('bring a new database to the current schema, and a second run changes nothing', async () => {
      await fresh({ migrate: false });
      expect(await pendingMigrations(store.db)).toEqual(Object.keys(migrations));
      const first = await migrateToLatest(store.db);
      expect(first.map((r) => [r.migrationName, r.status])).toEqual(Object.keys(migrations).map((n) => [n, 'Success']));
      expect(await migrateToLatest(store.db)).toEqual([]);
      expect(await pendingMigrations(store.db)).toEqual([]);
    });

    it.runIf(engine === 'postgres')('run once when two instances start together', async () => {
      await fresh({ migrate: false });
      const second = await openSameDatabase(store);
      open.push(second);
      const [a, b] = await Promise.all([migrateToLatest(store.db), migrateToLatest(second.db)]);
      expect([...a, ...b].filter((r) => r.status === 'Success').map((r) => r.migrationName).sort()).toEqual(
        Object.keys(migrations).sort(),
      );
      expect(await pendingMigrations(second.db)).toEqual([]);
    });
  });

  describe('presence and ring order', () => {
    it('rings reps in the order they went online', async () => {
      await fresh();
      await addUsers(store, ['sato', 'suzuki', 'tanaka']);
      await setAvailability(store.db, 'suzuki', true, at(0));
      await setAvailability(store.db, 'tanaka', true, at(1));
      await setAvailability(store.db, 'sato', true, at(2));
      expect((await ringOrder(store.db, { userIds: ['sato', 'suzuki', 'tanaka'], now: at(3) })).ringable).toEqual([
        'suzuki',
        'tanaka',
        'sato',
      ]);
    });

    it('keeps a rep in place on heartbeats, and sends them to the back after going offline', async () => {
      await fresh();
      await addUsers(store, ['a', 'b']);
      await setAvailability(store.db, 'a', true, at(0));
      await setAvailability(store.db, 'b', true, at(1));
      await setAvailability(store.db, 'a', true, at(30)); // heartbeat
      expect((await ringOrder(store.db, { userIds: ['a', 'b'], now: at(31) })).ringable).toEqual(['a', 'b']);
      await setAvailability(store.db, 'a', false, at(40));
      expect(await ringOrder(store.db, { userIds: ['a', 'b'], now: at(41) })).toEqual({
        ringable: ['b'],
        busy: [],
        offline: ['a'],
      });
      await setAvailability(store.db, 'a', true, at(50));
      expect((await ringOrder(store.db, { userIds: ['a', 'b'], now: at(51) })).ringable).toEqual(['b', 'a']);
    });

    it('counts a rep whose heartbeat stopped as offline, and as new when they come back', async () => {
      await fresh();
      await addUsers(store, ['a', 'b']);
      await setAvailability(store.db, 'a', true, at(0));
      await setAvailability(store.db, 'b', true, at(1));
      const late = HEARTBEAT_TIMEOUT_SECONDS + 5;
      await setAvailability(store.db, 'b', true, at(late));
      expect((await ringOrder(store.db, { userIds: ['a', 'b'], now: at(late) })).offline).toEqual(['a']);
      await setAvailability(store.db, 'a', true, at(late + 1));
      expect((await ringOrder(store.db, { userIds: ['a', 'b'], now: at(late + 2) })).ringable).toEqual(['b', 'a']);
    });

    it('moves a rep who answered to the back, and holds reps on a call as busy', async () => {
      await fresh();
      await addUsers(store, ['a', 'b', 'c']);
      for (const [i, id] of ['a', 'b', 'c'].entries()) await setAvailability(store.db, id, true, at(i));
      await moveToBack(store.db, 'a');
      await markOnCall(store.db, 'b', 'CA0001', at(5));
      expect(await ringOrder(store.db, { userIds: ['a', 'b', 'c'], now: at(6) })).toEqual({
        ringable: ['c', 'a'],
        busy: ['b'],
        offline: [],
      });
      await clearOnCall(store.db, 'b', 'CA-some-other-call');
      expect((await ringOrder(store.db, { userIds: ['b'], now: at(7) })).busy).toEqual(['b']);
      await clearOnCall(store.db, 'b', 'CA0001');
      expect((await ringOrder(store.db, { userIds: ['a', 'b', 'c'], now: at(8) })).ringable).toEqual(['b', 'c', 'a']);
    });
  });

  describe('sessions', () => {
    it('find the user by token, and stop working once revoked', async () => {
      await fresh();
      await addUsers(store, ['sato']);
      const token = await createSession(store.db, 'sato', t0);
      expect((await userForSession(store.db, token, at(60)))?.id).toBe('sato');
      const stored = await store.db.selectFrom('sessions').select('token_hash').execute();
      expect(stored.map((s) => s.token_hash)).not.toContain(token);
      await revokeSession(store.db, token);
      expect(await userForSession(store.db, token, at(61))).toBeUndefined();
    });

    it('expire after 30 idle days', async () => {
      await fresh();
      await addUsers(store, ['sato']);
      const token = await createSession(store.db, 'sato', t0);
      expect(await userForSession(store.db, token, at(31 * 24 * 3600))).toBeUndefined();
    });

    it('are deleted once expired as new sessions are made, and live ones are kept', async () => {
      await fresh();
      await addUsers(store, ['sato', 'suzuki']);
      const day = 24 * 3600;
      await createSession(store.db, 'sato', t0);
      const used = await createSession(store.db, 'suzuki', t0);
      await createSession(store.db, 'suzuki', at(20 * day));
      expect((await userForSession(store.db, used, at(25 * day)))?.id).toBe('suzuki'); // slid to day 55
      await createSession(store.db, 'sato', at(SESSION_IDLE_DAYS * day + 1));
      const kept = await store.db.selectFrom('sessions').select(['user_id', 'created_at']).orderBy('created_at').execute();
      expect(kept.map((row) => [row.user_id, new Date(row.created_at).getTime()])).toEqual([
        ['suzuki', t0.getTime()],
        ['suzuki', at(20 * day).getTime()],
        ['sato', at(SESSION_IDLE_DAYS * day + 1).getTime()],
      ]);
    });
  });

  it('counts concurrent rate-limit hits exactly (one atomic upsert each)', async () => {
    await fresh();
    const rule = { limit: 5, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 8 }, () => hitRateLimit(store.db, 'login:x', rule, t0)));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results.filter((r) => !r.allowed)).toHaveLength(3);
    expect((await hitRateLimit(store.db, 'login:x', rule, at(61))).hits).toBe(1);
  });

  it('drops rate-limit rows of long-passed windows as new hits come in, and keeps the rest', async () => {
    await fresh();
    const rule = { limit: 5, windowSeconds: 15 * 60 };
    for (const address of ['a', 'b', 'c']) await hitRateLimit(store.db, `login:account:${address}@nobody.example`, rule, t0);
    await hitRateLimit(store.db, 'login:account:recent@nobody.example', rule, at(RATE_LIMIT_ROWS_KEPT_SECONDS - 60));
    await hitRateLimit(store.db, 'login:account:late@nobody.example', rule, at(RATE_LIMIT_ROWS_KEPT_SECONDS + 1));
    const keys = await store.db.selectFrom('rate_limits').select('key').orderBy('key').execute();
    expect(keys.map((row) => row.key)).toEqual(['login:account:late@nobody.example', 'login:account:recent@nobody.example']);
  });

  describe('phone configuration', () => {
    const hashes = new Map([
      ['admin', 'scrypt$1$1$1$x$y'],
      ['sato', 'scrypt$1$1$1$x$z'],
    ]);

    it('round-trips a document, with secrets sealed at rest', async () => {
      await fresh();
      const config = baseConfig({
        twilio: { accountSid: `AC${'a'.repeat(32)}`, authToken: 'auth-token-plain-1a2b' },
      });
      await replacePhoneConfig(store.db, config, { secretBox, passwordHashes: hashes, now: t0 });
      const loaded = await loadPhoneConfig(store.db);
      expect(loaded.incoming).toEqual(config.incoming);
      expect(loaded.outgoing).toEqual(config.outgoing);
      expect(loaded.users.map((u) => u.id)).toEqual(['admin', 'sato']);
      const raw = await sql<{ twilio: unknown }>`select twilio from app_settings`.execute(store.db);
      expect(JSON.stringify(raw.rows)).not.toContain('auth-token-plain');
      expect((await loadTwilioCredentials(store.db, secretBox))?.authToken).toBe('auth-token-plain-1a2b');
    });

    it('writes nothing when a save fails part-way', async () => {
      await fresh();
      await replacePhoneConfig(store.db, baseConfig(), { secretBox, passwordHashes: hashes, now: t0 });
      const before = await loadPhoneConfig(store.db);
      // The assignment names a user that is not in the document: the database refuses it after the
      // users and numbers were already rewritten inside the transaction.
      const broken = baseConfig({
        incoming: [],
        outgoing: [{ user: 'ghost', number: '+81312345678', record: false }],
      });
      await expect(replacePhoneConfig(store.db, broken, { secretBox, passwordHashes: hashes, now: t0 })).rejects.toThrow();
      expect(await loadPhoneConfig(store.db)).toEqual(before);
    });

    it('refuses a new user without a password, naming the field, and writes nothing', async () => {
      await fresh();
      const config = baseConfig();
      const error = await replacePhoneConfig(store.db, config, {
        secretBox,
        passwordHashes: new Map([['admin', 'h']]),
        now: t0,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigConflict);
      expect((error as ConfigConflict).issues).toEqual([{ path: 'users[1].password', code: 'new_user_needs_password', message: 'a new user needs a password' }]);
      expect((await loadPhoneConfig(store.db)).users).toEqual([]);
    });

    it('keeps stored secrets when the document leaves them out', async () => {
      await fresh();
      const twilio = { accountSid: `AC${'b'.repeat(32)}`, authToken: 'first-token-9999' };
      await replacePhoneConfig(store.db, baseConfig({ twilio }), { secretBox, passwordHashes: hashes, now: t0 });
      await replacePhoneConfig(store.db, baseConfig({ twilio: { accountSid: twilio.accountSid } }), {
        secretBox,
        passwordHashes: new Map(),
        now: t0,
      });
      expect((await loadTwilioCredentials(store.db, secretBox))?.authToken).toBe('first-token-9999');
    });
  });
});
