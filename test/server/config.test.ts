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

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_URL: 'phone.example.jp' }, 'PUBLIC_URL'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ ADMIN_EMAIL: 'admin@example.jp' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long enough' }, 'ADMIN_EMAIL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %j with a message naming %s', (env, name) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('lists every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' }).map((p) => p.split(':')[0])).toEqual(['PORT', 'LOG_LEVEL']);
  });
});
