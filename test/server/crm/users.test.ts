import { describe, expect, it } from 'vitest';
import { matchUsersByEmail } from '../../../server/crm/zoho/users.ts';
import { SEED_IDS } from '../../fixtures/zoho/seed.ts';
import { connectedZoho } from './zoho-harness.ts';

describe('reps and Zoho users', () => {
  it('imports the org’s active users only', async () => {
    const { adapter, emulator } = await connectedZoho();
    const users = await adapter.listUsers();
    expect(users.map((user) => user.name)).toEqual(['佐藤 花子', '鈴木 一郎', 'Emma Clark']);
    expect(emulator.state.requests.at(-1)?.query).toContain('type=ActiveUsers');
  });

  it('matches reps to Zoho users by email, ignoring case and spaces', () => {
    const zohoUsers = [
      { id: SEED_IDS.sato, email: 'sato@example.jp', active: true },
      { id: SEED_IDS.suzuki, email: 'Suzuki@Example.jp', active: true },
      { id: 'inactive', email: 'takahashi@example.jp', active: false },
    ];
    const reps = [
      { id: 'rep_sato', email: ' SATO@example.jp ' },
      { id: 'rep_suzuki', email: 'suzuki@example.jp' },
      { id: 'rep_takahashi', email: 'takahashi@example.jp' },
      { id: 'rep_new', email: 'new@example.jp' },
    ];
    expect(matchUsersByEmail(reps, zohoUsers)).toEqual({
      matched: [
        { repId: 'rep_sato', crmUserId: SEED_IDS.sato },
        { repId: 'rep_suzuki', crmUserId: SEED_IDS.suzuki },
      ],
      unmatchedReps: ['rep_takahashi', 'rep_new'],
    });
  });
});
