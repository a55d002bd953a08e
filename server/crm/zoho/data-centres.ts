/**
 * Zoho data centres: each has its own accounts server, API domain and web UI host, and a token
 * only works in its own DC. Source: Zoho's SDK DC routes (see shared/reference/zoho-crm.md §1.1).
 */
export const ZOHO_DATA_CENTRES = {
  US: { accountsUrl: 'https://accounts.zoho.com', apiUrl: 'https://www.zohoapis.com', webUrl: 'https://crm.zoho.com' },
  EU: { accountsUrl: 'https://accounts.zoho.eu', apiUrl: 'https://www.zohoapis.eu', webUrl: 'https://crm.zoho.eu' },
  IN: { accountsUrl: 'https://accounts.zoho.in', apiUrl: 'https://www.zohoapis.in', webUrl: 'https://crm.zoho.in' },
  AU: { accountsUrl: 'https://accounts.zoho.com.au', apiUrl: 'https://www.zohoapis.com.au', webUrl: 'https://crm.zoho.com.au' },
  JP: { accountsUrl: 'https://accounts.zoho.jp', apiUrl: 'https://www.zohoapis.jp', webUrl: 'https://crm.zoho.jp' },
  CN: { accountsUrl: 'https://accounts.zoho.com.cn', apiUrl: 'https://www.zohoapis.com.cn', webUrl: 'https://crm.zoho.com.cn' },
  // Canada is on zohocloud.ca, not zoho.ca (crm.zoho.ca does not resolve).
  CA: { accountsUrl: 'https://accounts.zohocloud.ca', apiUrl: 'https://www.zohoapis.ca', webUrl: 'https://crm.zohocloud.ca' },
  SA: { accountsUrl: 'https://accounts.zoho.sa', apiUrl: 'https://www.zohoapis.sa', webUrl: 'https://crm.zoho.sa' },
  // UK API domain is not documented anywhere we found; the token's api_domain wins anyway.
  UK: { accountsUrl: 'https://accounts.zoho.uk', apiUrl: 'https://www.zohoapis.uk', webUrl: 'https://crm.zoho.uk' },
} as const;

export type ZohoDataCentre = keyof typeof ZOHO_DATA_CENTRES;
export const ZOHO_DATA_CENTRE_CODES = Object.keys(ZOHO_DATA_CENTRES) as ZohoDataCentre[];

export type ZohoEndpoints = { accountsUrl: string; apiUrl: string; webUrl: string };

/**
 * The URLs for a DC. `accountsUrl` / `apiUrl` come from ZOHO_ACCOUNTS_URL / ZOHO_API_URL (parsed
 * by the server's config) so tests can point at the emulator; an explicit `apiUrl` also beats the
 * token response's `api_domain`.
 */
export function resolveZohoEndpoints(
  dataCentre: ZohoDataCentre,
  overrides: { accountsUrl?: string | null; apiUrl?: string | null; webUrl?: string | null } = {},
): ZohoEndpoints {
  const dc = ZOHO_DATA_CENTRES[dataCentre];
  return {
    accountsUrl: trimSlash(overrides.accountsUrl ?? dc.accountsUrl),
    apiUrl: trimSlash(overrides.apiUrl ?? dc.apiUrl),
    webUrl: trimSlash(overrides.webUrl ?? dc.webUrl),
  };
}

/**
 * The hosts Zoho names as `api_domain` in a DC: `www.` for production orgs, `sandbox.` and
 * `developer.` for sandbox and developer orgs (Zoho's SDK routes; reference/zoho-crm.md §1.1).
 */
export const ZOHO_API_HOST_PREFIXES = ['www', 'sandbox', 'developer'] as const;

/**
 * Whether a token response's `api_domain` is a Zoho API host of `dataCentre`: https, one of the
 * DC's API hosts, nothing else (no port, path or credentials). Every CRM request carries the access
 * token there, so a forged or mistaken domain must never be used.
 */
export function isZohoApiDomain(dataCentre: ZohoDataCentre, apiDomain: string): boolean {
  let url: URL;
  try {
    url = new URL(apiDomain);
  } catch {
    return false;
  }
  const suffix = new URL(ZOHO_DATA_CENTRES[dataCentre].apiUrl).hostname.replace(/^www\./, '');
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    (url.pathname === '/' || url.pathname === '') &&
    url.search === '' &&
    url.hash === '' &&
    ZOHO_API_HOST_PREFIXES.some((prefix) => url.hostname === `${prefix}.${suffix}`)
  );
}

/** The DC whose accounts server the authorization redirect named (`accounts-server=` parameter). */
export function dataCentreForAccountsServer(accountsServer: string): ZohoDataCentre | null {
  const origin = safeOrigin(accountsServer);
  return ZOHO_DATA_CENTRE_CODES.find((code) => ZOHO_DATA_CENTRES[code].accountsUrl === origin) ?? null;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
