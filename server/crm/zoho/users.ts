import { z } from 'zod';
import type { CrmUser } from '../adapter.ts';
import type { ZohoClient } from './client.ts';

const usersPageSchema = z.object({
  users: z.array(
    z.object({ id: z.string(), full_name: z.string().nullish(), email: z.string(), status: z.string().nullish() }).loose(),
  ),
  info: z.object({ more_records: z.boolean() }).loose().optional(),
});

/** The org's active users (`GET /crm/v8/users?type=ActiveUsers`), every page. */
export async function listActiveUsers(client: ZohoClient): Promise<CrmUser[]> {
  const users: CrmUser[] = [];
  for (let page = 1; page <= 50; page++) {
    const response = await client.request({
      method: 'GET',
      path: '/crm/v8/users',
      query: { type: 'ActiveUsers', page: String(page), per_page: '200' },
    });
    if (response.status === 204) break;
    const parsed = usersPageSchema.parse(response.body);
    users.push(...parsed.users.map((user) => ({ id: user.id, name: user.full_name ?? user.email, email: user.email, active: user.status !== 'disabled' })));
    if (!parsed.info?.more_records) break;
  }
  return users;
}

export type RepForMatching = { id: string; email: string };
export type UserMatching = {
  matched: Array<{ repId: string; crmUserId: string }>;
  unmatchedReps: string[];
};

/** Reps own their calls in Zoho through the Zoho user with the same email (case and spaces ignored). */
export function matchUsersByEmail(reps: RepForMatching[], crmUsers: Array<Pick<CrmUser, 'id' | 'email' | 'active'>>): UserMatching {
  const byEmail = new Map(crmUsers.filter((user) => user.active).map((user) => [normaliseEmail(user.email), user.id]));
  const matching: UserMatching = { matched: [], unmatchedReps: [] };
  for (const rep of reps) {
    const crmUserId = byEmail.get(normaliseEmail(rep.email));
    if (crmUserId) matching.matched.push({ repId: rep.id, crmUserId });
    else matching.unmatchedReps.push(rep.id);
  }
  return matching;
}

function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
