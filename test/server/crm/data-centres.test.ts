import { describe, expect, it } from 'vitest';
import { dataCentreForAccountsServer, resolveZohoEndpoints } from '../../../server/crm/zoho/data-centres.ts';
import { authorizationUrl } from '../../../server/crm/zoho/connect.ts';
import { orgUrlSegment, recordWebUrl } from '../../../server/crm/zoho/org.ts';

describe('Zoho data centres', () => {
  it.each([
    ['JP', 'https://accounts.zoho.jp', 'https://www.zohoapis.jp', 'https://crm.zoho.jp'],
    ['CA', 'https://accounts.zohocloud.ca', 'https://www.zohoapis.ca', 'https://crm.zohocloud.ca'],
    ['AU', 'https://accounts.zoho.com.au', 'https://www.zohoapis.com.au', 'https://crm.zoho.com.au'],
  ] as const)('%s → its accounts server, API domain and web host', (dc, accountsUrl, apiUrl, webUrl) => {
    expect(resolveZohoEndpoints(dc)).toEqual({ accountsUrl, apiUrl, webUrl });
  });

  it('lets ZOHO_ACCOUNTS_URL / ZOHO_API_URL point at an emulator', () => {
    expect(resolveZohoEndpoints('JP', { accountsUrl: 'http://127.0.0.1:9000/', apiUrl: 'http://127.0.0.1:9001' })).toMatchObject({
      accountsUrl: 'http://127.0.0.1:9000',
      apiUrl: 'http://127.0.0.1:9001',
    });
  });

  it('recognises the accounts-server of the authorization redirect', () => {
    expect(dataCentreForAccountsServer('https://accounts.zoho.jp')).toBe('JP');
    expect(dataCentreForAccountsServer('https://accounts.zoho.ca')).toBeNull();
  });

  it('asks for offline access so Zoho returns a refresh token', () => {
    const url = new URL(authorizationUrl('https://accounts.zoho.jp', { clientId: '1000.X', clientSecret: 's', redirectUri: 'https://yobi.example/zoho/callback' }, 'st'));
    expect(url.pathname).toBe('/oauth/v2/auth');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('scope')).toContain('ZohoCRM.modules.calls.ALL');
  });

  it.each([
    [{ id: '4876876000000', domain_name: 'org90000001' }, 'org90000001'],
    [{ id: '4876876000000', domain_name: 'acmeinc', zgid: '777' }, 'org777'],
  ])('builds the web link segment from %j', (org, segment) => {
    expect(orgUrlSegment(org)).toBe(segment);
  });

  it('links Deals under their old tab name', () => {
    expect(recordWebUrl('https://crm.zoho.jp', 'org1', 'Deals', '42')).toBe('https://crm.zoho.jp/crm/org1/tab/Potentials/42');
  });
});
