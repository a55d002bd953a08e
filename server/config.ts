import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './security/client-address.ts';

/**
 * The server's environment, validated once at start (server/index.ts). A bad value stops the start
 * with a message naming the variable. Everything else receives the parsed `ServerConfig`.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const envSchema = z
  .object({
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(8787)),
    HOST: z.preprocess(emptyToUndefined, z.string().min(1).default('127.0.0.1')),
    PUBLIC_URL: optional(
      z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL such as https://phone.example.jp' }),
    ),
    DATABASE_URL: optional(
      z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded database)'),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().min(1).default('./data')),
    SECRET_KEY: optional(z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')),
    ADMIN_EMAIL: optional(z.email({ error: 'must be an e-mail address' })),
    ADMIN_PASSWORD: optional(z.string().min(8, 'must be at least 8 characters')),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default('info')),
    /** Extra origins allowed by CORS besides chrome-extension:// and moz-extension:// (comma separated). */
    CORS_ORIGINS: z.preprocess(emptyToUndefined, z.string().default('')),
    /** Extension ids allowed by CORS (comma separated). Empty: any extension origin may call; auth still applies. */
    EXTENSION_IDS: z.preprocess(emptyToUndefined, z.string().default('')),
    TWILIO_API_URL: z.preprocess(emptyToUndefined, z.url().default('https://api.twilio.com')),
    /** Where reps get the extension (store listing, intranet page); linked from invitation pages. */
    EXTENSION_INSTALL_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL (where reps get the extension)' })),
    /** The server-based Zoho OAuth client (api-console.zoho.com); without it, admins connect with a Self Client grant code. */
    ZOHO_CLIENT_ID: optional(z.string().trim().min(1)),
    ZOHO_CLIENT_SECRET: optional(z.string().trim().min(1)),
    ZOHO_REDIRECT_URI: optional(z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL (the client’s Authorized Redirect URI)' })),
    ZOHO_ACCOUNTS_URL: optional(z.url()),
    ZOHO_API_URL: optional(z.url()),
    /** Proxies trusted to name the client in X-Forwarded-For: a hop count or addresses / CIDRs; unset = none. */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value, context): TrustProxy => {
        try {
          return parseTrustProxy(value);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
  })
  .refine((env) => !env.ADMIN_EMAIL === !env.ADMIN_PASSWORD, {
    path: ['ADMIN_PASSWORD'],
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
  })
  .refine((env) => !env.ZOHO_CLIENT_ID === !env.ZOHO_CLIENT_SECRET, {
    path: ['ZOHO_CLIENT_SECRET'],
    message: 'ZOHO_CLIENT_ID and ZOHO_CLIENT_SECRET must be set together',
  });

export interface ServerConfig {
  port: number;
  host: string;
  /** Base URL Twilio reaches us on, without a trailing slash; null until configured. */
  publicUrl: string | null;
  databaseUrl: string | null;
  dataDir: string;
  secretKey: string | null;
  initialAdmin: { email: string; password: string } | null;
  logLevel: (typeof LOG_LEVELS)[number];
  corsOrigins: string[];
  extensionIds: string[];
  twilioApiUrl: string;
  extensionInstallUrl: string | null;
  /** The server-based Zoho OAuth client; null = connect with a Self Client grant code only. */
  zohoClient: { clientId: string; clientSecret: string } | null;
  /** Where Zoho sends the admin back after consent: ZOHO_REDIRECT_URI, else `${PUBLIC_URL}/api/crm/zoho/callback`. */
  zohoRedirectUri: string | null;
  zohoAccountsUrl: string | null;
  zohoApiUrl: string | null;
  /** TRUST_PROXY: who may name the client's address (rate limits); null = the socket's peer is the client. */
  trustProxy: TrustProxy;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    secretKey: e.SECRET_KEY ?? null,
    initialAdmin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : null,
    logLevel: e.LOG_LEVEL,
    corsOrigins: list(e.CORS_ORIGINS),
    extensionIds: list(e.EXTENSION_IDS),
    twilioApiUrl: e.TWILIO_API_URL.replace(/\/+$/, ''),
    extensionInstallUrl: e.EXTENSION_INSTALL_URL ?? null,
    zohoClient: e.ZOHO_CLIENT_ID && e.ZOHO_CLIENT_SECRET ? { clientId: e.ZOHO_CLIENT_ID, clientSecret: e.ZOHO_CLIENT_SECRET } : null,
    zohoRedirectUri: e.ZOHO_REDIRECT_URI ?? (publicUrl ? `${publicUrl}/api/crm/zoho/callback` : null),
    zohoAccountsUrl: e.ZOHO_ACCOUNTS_URL ?? null,
    zohoApiUrl: e.ZOHO_API_URL ?? null,
    trustProxy: e.TRUST_PROXY,
  };
}
