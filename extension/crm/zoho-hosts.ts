/**
 * Zoho CRM web hosts, one per data centre (zoho-crm.md §1.1). a wildcard TLD (crm.zoho.<any>) is not a valid match
 * pattern and would miss crm.zohocloud.ca, so every host is listed. crm.zoho.ca does not resolve.
 * Sandboxes answer at crmsandbox.zoho.<tld>.
 */
export const ZOHO_CRM_HOSTS = [
  'crm.zoho.com',
  'crm.zoho.eu',
  'crm.zoho.in',
  'crm.zoho.com.au',
  'crm.zoho.jp',
  'crm.zoho.com.cn',
  'crm.zohocloud.ca',
  'crm.zoho.sa',
  'crm.zoho.uk',
  'crmsandbox.zoho.com',
  'crmsandbox.zoho.jp',
  'crmsandbox.zoho.eu',
] as const;

export const ZOHO_CRM_MATCHES = ZOHO_CRM_HOSTS.map((host) => `*://${host}/*`);

export function isZohoCrmHost(hostname: string): boolean {
  return (ZOHO_CRM_HOSTS as readonly string[]).includes(hostname.toLowerCase());
}
