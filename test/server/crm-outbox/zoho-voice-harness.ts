import { expect } from 'vitest';
import type { AppOptions } from '../../../server/app.ts';
import { CrmRuntime } from '../../../server/crm/crm-runtime.ts';
import { OutboxWorker } from '../../../server/crm/outbox-worker.ts';
import { silentLogger } from '../../../server/logger.ts';
import { createZohoEmulator, EMULATOR_ACCOUNTS_URL, type ZohoEmulator } from '../../emulators/zoho/index.ts';
import { createClock, type TestClock } from '../support/app.ts';
import { sharedTestStore } from '../support/store.ts';
import { createVoiceHarness, type VoiceHarness } from '../voice/voice-harness.ts';
import { OAUTH_CLIENT, secretBox } from './support.ts';

/**
 * A call followed from Twilio's webhooks into Zoho: the real application on the voice harness (the
 * Twilio call emulator, in live time) with its CRM side, the real CRM runtime and outbox worker, on the
 * Zoho emulator (the test's OAuth client registered, nothing connected yet).
 */
export interface ZohoVoiceHarness {
  h: VoiceHarness;
  zoho: ZohoEmulator;
  crm: CrmRuntime;
  /** The outbox worker, driven by the test (`drainOnce`): nothing polls on its own. */
  worker: OutboxWorker;
  clock: TestClock;
}

export async function createZohoVoiceHarness(options: {
  /** Where the CRM runtime's requests go, given Zoho's: Zoho alone unless told (e.g. Twilio's recording media too). */
  fetch?: (zohoFetch: typeof fetch, harness: () => VoiceHarness) => typeof fetch;
  /** How long a ringing call waits for the caller lookup (the runtime's own default unless told). */
  lookupBudgetMs?: number;
  /** What the app wakes when it queues a CRM delivery. */
  crmWorker?: AppOptions['crmWorker'];
} = {}): Promise<ZohoVoiceHarness> {
  const store = await sharedTestStore();
  const clock = createClock();
  const zoho = createZohoEmulator({ now: () => clock.now().getTime() });
  zoho.state.registerClient(OAUTH_CLIENT.clientId, OAUTH_CLIENT.clientSecret);
  let h: VoiceHarness | null = null;
  const crm = new CrmRuntime(
    { store, secretBox, logger: silentLogger, now: clock.now },
    {
      zoho: { clientId: null, clientSecret: null, redirectUri: null, accountsUrl: EMULATOR_ACCOUNTS_URL, apiUrl: null },
      fetch: options.fetch ? options.fetch(zoho.fetch, () => h!) : zoho.fetch,
      ...(options.lookupBudgetMs === undefined ? {} : { lookupBudgetMs: options.lookupBudgetMs }),
    },
  );
  const worker = new OutboxWorker({ store, crm, logger: silentLogger, now: clock.now, random: () => 0.5 });
  h = await createVoiceHarness({ store, clock, followTwilioTime: true, app: { crm, ...(options.crmWorker ? { crmWorker: options.crmWorker } : {}) } });
  return { h, zoho, crm, worker, clock };
}

/** The admin (signed in as `adminToken`) connects Zoho with a Self Client grant code. */
export async function adminConnectsZoho({ h, zoho }: Pick<ZohoVoiceHarness, 'h' | 'zoho'>, adminToken: string): Promise<void> {
  const connected = await h.call('POST', '/api/crm/zoho/connect', {
    token: adminToken,
    body: { dataCentre: 'JP', code: zoho.state.issueGrantCode(OAUTH_CLIENT.clientId), ...OAUTH_CLIENT },
  });
  expect(connected.status).toBe(200);
}
