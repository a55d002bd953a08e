import { z } from 'zod';
import type { AdminRequest } from './admin-http';
import { formatDeadline } from './date-format';
import type { InviteEntry } from './invite-list';

/** Invitations as the admin's options page sees them (server/routes/invites.ts). Links are shown once. */

export const INVITE_ENDPOINTS = {
  list: '/api/invites', // GET {invites} · POST {invites: [{email, name?}], expiresInDays?} → 201 {invites: [issued]}
  resend: (id: string) => `/api/invites/${encodeURIComponent(id)}/resend`, // POST {expiresInDays?} → {invite, token, reissued}
  revoke: (id: string) => `/api/invites/${encodeURIComponent(id)}/revoke`, // POST → {invite}
} as const;

export const INVITE_DAY_CHOICES = [1, 3, 7, 14, 30] as const;

export const inviteSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: z.string(),
  sentAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type Invite = z.infer<typeof inviteSchema>;

const issuedSchema = z.looseObject({ invite: inviteSchema, token: z.string(), reissued: z.boolean(), existingUser: z.boolean() });
export type IssuedInvite = z.infer<typeof issuedSchema>;

/**
 * `reissued` false: the link issued moments ago (a double click, *New link* right after *Invite*), given
 * again and still working. A server older than the field always issued a new link.
 */
const resentSchema = z.object({ invite: inviteSchema, token: z.string(), reissued: z.boolean().default(true) });
export type ResentInvite = z.infer<typeof resentSchema>;

export interface InvitesAdminApi {
  listInvites(): Promise<Invite[]>;
  createInvites(entries: readonly InviteEntry[], expiresInDays: number): Promise<IssuedInvite[]>;
  resendInvite(id: string, expiresInDays: number): Promise<ResentInvite>;
  revokeInvite(id: string): Promise<Invite>;
}

export function createInvitesAdminApi(http: AdminRequest): InvitesAdminApi {
  const E = INVITE_ENDPOINTS;
  return {
    listInvites: async () => z.object({ invites: z.array(inviteSchema) }).parse(await http('GET', E.list)).invites,
    createInvites: async (invites, expiresInDays) =>
      z.object({ invites: z.array(issuedSchema) }).parse(await http('POST', E.list, { invites, expiresInDays })).invites,
    resendInvite: async (id, expiresInDays) => resentSchema.parse(await http('POST', E.resend(id), { expiresInDays })),
    revokeInvite: async (id) => z.object({ invite: inviteSchema }).parse(await http('POST', E.revoke(id))).invite,
  };
}

/**
 * A `mailto:` with the invitation written out in Japanese, then English (the admin does not know which
 * the rep reads): the server sends no mail, the admin's own mail client does. Each language writes the
 * expiry its own way, in the org's time zone (`settings.timeZone`), named, since the rep may be elsewhere;
 * `undefined` (the zone could not be read) writes it in this computer's zone, still named.
 */
export function invitationMailto(email: string, link: string, expiresAt: Date, timeZone: string | undefined): string {
  const ja = formatDeadline(expiresAt, 'ja', timeZone);
  const en = formatDeadline(expiresAt, 'en', timeZone);
  const subject = '呼び出し（Yobidashi）への招待 / Your invitation to Yobidashi';
  const body = [
    'CRM から電話をかけ、受けるための拡張機能「呼び出し」に招待します。',
    `次のリンクを開き、案内に従ってパスワードを決めてください（${ja}まで有効、一度だけ使えます）。`,
    '',
    link,
    '',
    '---',
    'You are invited to Yobidashi, the browser extension to make and take calls in our CRM.',
    `Open the link above and follow it to choose your password (valid until ${en}, once).`,
  ].join('\n');
  return `mailto:${encodeURIComponent(email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
