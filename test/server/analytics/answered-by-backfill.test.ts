import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, type Store } from '../../../server/store/database.ts';
import { migrations } from '../../../server/store/migrations/index.ts';
import { createTestStore, engines } from '../support/store.ts';

/** 0015: calls made before the voice engine wrote `answered_by` learn who answered them, where the database can tell. */
describe.each(engines)('who answered the calls made before 0015, on %s', (engine) => {
  const stores: Store[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('takes the room’s answering rep, else the answered ring leg, else the owner of a call never handed on', async () => {
    const store = await createTestStore(engine, { migrate: false });
    stores.push(store);
    const before = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0015')) },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    expect((await before.migrateToLatest()).error).toBeUndefined();
    const t = '2026-11-24T01:00:00Z';
    const later = '2026-11-24T01:01:00Z';
    await sql`
      insert into calls (call_sid, direction, from_number, to_number, ivr_path, rep_id, started_at, answered_at, ended_at, status, status_rank) values
        ('CA-room', 'inbound', '+819011112222', '+81312345678', '[]', 'suzuki', ${t}, ${t}, ${later}, 'completed', 7),
        ('CA-legs', 'inbound', '+819011112222', '+81312345678', '[]', 'suzuki', ${t}, ${t}, ${later}, 'completed', 7),
        ('CA-plain', 'inbound', '+819011112222', '+81312345678', '[]', 'tanaka', ${t}, ${t}, ${later}, 'completed', 7),
        ('CA-unknown', 'inbound', '+819011112222', '+81312345678', '[]', 'suzuki', ${t}, ${t}, ${later}, 'completed', 7),
        ('CA-missed', 'inbound', '+819011112222', '+81312345678', '[]', null, ${t}, null, ${later}, 'missed', 1),
        ('CA-out', 'outbound', 'client:sato', '+81398765432', '[]', 'suzuki', ${t}, ${t}, ${later}, 'completed', 7)`.execute(store.db);
    // CA-room: sato answered into the room, then handed it to suzuki. CA-unknown: only the colleague's party is left.
    await sql`
      insert into call_parties (call_sid, label, kind, purpose, user_id, state, invited_at, joined_at, left_at) values
        ('CA-room', 'customer', 'customer', 'customer', null, 'left', ${t}, ${t}, ${later}),
        ('CA-room', 'rep:sato', 'rep', 'answer', 'sato', 'left', ${t}, ${t}, ${t}),
        ('CA-room', 'rep:suzuki', 'rep', 'transfer', 'suzuki', 'left', ${t}, ${t}, ${later}),
        ('CA-unknown', 'rep:suzuki', 'rep', 'transfer', 'suzuki', 'left', ${t}, ${t}, ${later})`.execute(store.db);
    // CA-legs: rung at sato and suzuki, sato's leg answered (no room: before 0007).
    await sql`
      insert into call_legs (call_sid, parent_call_sid, rep_id, to_number, status, sequence_number, started_at, answered_at, ended_at) values
        ('CA-legs-1', 'CA-legs', 'suzuki', 'client:suzuki', 'canceled', 2, ${t}, null, ${t}),
        ('CA-legs-2', 'CA-legs', 'sato', 'client:sato', 'completed', 3, ${t}, ${t}, ${later})`.execute(store.db);

    await migrateToLatest(store.db);

    const rows = await store.db.selectFrom('calls').select(['call_sid', 'rep_id', 'answered_by']).orderBy('call_sid').execute();
    expect(rows).toEqual([
      { call_sid: 'CA-legs', rep_id: 'suzuki', answered_by: 'sato' },
      { call_sid: 'CA-missed', rep_id: null, answered_by: null },
      { call_sid: 'CA-out', rep_id: 'suzuki', answered_by: 'sato' },
      { call_sid: 'CA-plain', rep_id: 'tanaka', answered_by: 'tanaka' },
      { call_sid: 'CA-room', rep_id: 'suzuki', answered_by: 'sato' },
      { call_sid: 'CA-unknown', rep_id: 'suzuki', answered_by: null },
    ]);
  });
});
