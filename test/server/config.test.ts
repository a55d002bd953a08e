import { describe, expect, it } from 'vitest';
import { ConfigError, parseServerConfig } from '../../server/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseServerConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('server environment', () => {
  it('starts with sensible defaults when nothing is set', () => {
    expect(parseServerConfig({})).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      publicUrl: null,
      databaseUrl: null,
      dataDir: './data',
      secretKey: null,
      initialAdmin: null,
      logLevel: 'info',
      twilioApiUrl: 'https://api.twilio.com',
      zohoClient: null,
      zohoRedirectUri: null,
      zohoAccountsUrl: null,
      zohoApiUrl: null,
    });
  });

  it('reads every documented variable', () => {
    const config = parseServerConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://phone.example.jp/',
      DATABASE_URL: 'postgres://u:p@db:5432/yobidashi',
      DATA_DIR: '/var/lib/yobidashi',
      SECRET_KEY: 'x'.repeat(44),
      ADMIN_EMAIL: 'admin@example.jp',
      ADMIN_PASSWORD: 'a long password',
      LOG_LEVEL: 'debug',
      CORS_ORIGINS: 'https://crm.example.jp, https://intranet.example.jp',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      publicUrl: 'https://phone.example.jp',
      databaseUrl: 'postgres://u:p@db:5432/yobidashi',
      initialAdmin: { email: 'admin@example.jp', password: 'a long password' },
      logLevel: 'debug',
      corsOrigins: ['https://crm.example.jp', 'https://intranet.example.jp'],
    });
  });

  it('reads the Zoho CRM client, with the redirect URI following PUBLIC_URL unless set', () => {
    const zoho = { ZOHO_CLIENT_ID: '1000.ABCDEF', ZOHO_CLIENT_SECRET: 'zoho-secret' };
    expect(parseServerConfig({ ...zoho, PUBLIC_URL: 'https://phone.example.jp/' })).toMatchObject({
      zohoClient: { clientId: '1000.ABCDEF', clientSecret: 'zoho-secret' },
      zohoRedirectUri: 'https://phone.example.jp/api/crm/zoho/callback',
    });
    expect(
      parseServerConfig({
        ...zoho,
        PUBLIC_URL: 'https://phone.example.jp',
        ZOHO_REDIRECT_URI: 'https://admin.example.jp/zoho/callback',
        ZOHO_ACCOUNTS_URL: 'https://accounts.zoho.jp',
        ZOHO_API_URL: 'https://www.zohoapis.jp',
      }),
    ).toMatchObject({
      zohoRedirectUri: 'https://admin.example.jp/zoho/callback',
      zohoAccountsUrl: 'https://accounts.zoho.jp',
      zohoApiUrl: 'https://www.zohoapis.jp',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_URL: 'phone.example.jp' }, 'PUBLIC_URL'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ ADMIN_EMAIL: 'admin@example.jp' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long enough' }, 'ADMIN_EMAIL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ZOHO_CLIENT_ID: '1000.ABCDEF' }, 'ZOHO_CLIENT_SECRET'],
    [{ ZOHO_CLIENT_SECRET: 'zoho-secret' }, 'ZOHO_CLIENT_SECRET'],
    [{ ZOHO_CLIENT_ID: '1000.ABCDEF', ZOHO_CLIENT_SECRET: 'zoho-secret', ZOHO_REDIRECT_URI: 'phone.example.jp/callback' }, 'ZOHO_REDIRECT_URI'],
  ])('refuses %j with a message naming %s', (env, name) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('lists every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' }).map((p) => p.split(':')[0])).toEqual(['PORT', 'LOG_LEVEL']);
  });
});
