import { z } from 'zod';
import type { CrmModule } from '../adapter.ts';
import type { ZohoClient } from './client.ts';

const orgSchema = z.object({
  org: z.array(
    z.object({ id: z.string(), domain_name: z.string().nullish(), zgid: z.string().nullish(), time_zone: z.string().nullish() }).loose(),
  ),
});

export type ZohoOrg = { id: string; urlSegment: string; timeZone: string | null };

/** `GET /crm/v8/org`: the org segment for web links and the org's time zone for Call_Start_Time. */
export async function fetchOrg(client: ZohoClient): Promise<ZohoOrg | null> {
  const response = await client.request({ method: 'GET', path: '/crm/v8/org' });
  const org = orgSchema.safeParse(response.body).data?.org[0];
  if (!org) return null;
  return { id: org.id, urlSegment: orgUrlSegment(org), timeZone: org.time_zone ?? null };
}

/**
 * Which org (and data centre) ids come from: the token's `api_domain` host (a DC's `www.`, `sandbox.` or
 * `developer.` API host) and the org's id from `GET /crm/v8/org`, as `www.zohoapis.jp/90000001`. A
 * record id of one org means nothing in another, nor in a sandbox of the same org.
 */
export function zohoOrgKey(apiDomain: string, orgId: string): string {
  let host: string;
  try {
    host = new URL(apiDomain).hostname;
  } catch {
    host = apiDomain;
  }
  return `${host.toLowerCase()}/${orgId}`;
}

/** Web URLs read `/crm/org<number>/…`; `domain_name` already has that form unless the org chose a custom one. */
export function orgUrlSegment(org: { id: string; domain_name?: string | null; zgid?: string | null }): string {
  if (org.domain_name && /^org\d+$/.test(org.domain_name)) return org.domain_name;
  return `org${org.zgid ?? org.id}`;
}

// The web UI still calls Deals by their old name.
const WEB_TAB: Record<CrmModule | 'Calls', string> = {
  Contacts: 'Contacts',
  Leads: 'Leads',
  Accounts: 'Accounts',
  Deals: 'Potentials',
  Calls: 'Calls',
};

/** `https://crm.zoho.jp/crm/org123/tab/Contacts/456`; without an org segment Zoho redirects to the user's org. */
export function recordWebUrl(webUrl: string, orgSegment: string | null, module: CrmModule | 'Calls', id: string): string {
  const org = orgSegment ? `/${orgSegment}` : '';
  return `${webUrl}/crm${org}/tab/${WEB_TAB[module]}/${encodeURIComponent(id)}`;
}
