import type { Logger } from '../logger.ts';
import type { TrustProxy } from '../security/client-address.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Store } from '../store/database.ts';
import type { UserRow } from '../store/users.ts';

/** Everything a request handler may use. Built once in index.ts (or by a test) and passed to createApp. */
export interface AppDeps {
  store: Store;
  secretBox: SecretBox;
  logger: Logger;
  /** Base URL Twilio reaches us on (no trailing slash), or null when not configured. */
  publicUrl: string | null;
  /** Origins besides our extension's allowed by CORS. */
  corsOrigins: string[];
  /** Our extension ids; empty = any chrome-extension:// or moz-extension:// origin. */
  extensionIds: string[];
  twilioApiUrl: string;
  /** Where reps get the extension (a store listing or an intranet page), linked from invite pages. */
  extensionInstallUrl?: string | null;
  /** TRUST_PROXY: whose X-Forwarded-For names the client (sign-in limits); absent = nobody's. */
  trustProxy?: TrustProxy;
  now: () => Date;
  /** Waits `ms` (a slowed-down sign-in, a room move's back-off); absent = a real timer. Tests pass waits they end themselves. */
  sleep?: (ms: number) => Promise<unknown>;
  /** Is told of work a request or webhook starts and does not wait for (a room move tried again); tests await it. */
  track?: (work: Promise<unknown>) => void;
  /** scrypt cost; lowered in tests only. */
  passwordCost?: { N: number; r: number; p: number };
}

export interface AppEnv {
  Variables: {
    requestId: string;
    user: UserRow;
    sessionToken: string;
  };
}
