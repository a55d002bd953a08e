import type { CountryCode } from 'libphonenumber-js';
import type { CallLog, CrmAdapter, CrmModule } from '../adapter.ts';
import type { CallRecordOptions, Locale } from './call-record.ts';
import { ZohoCallerLookup } from './caller-lookup.ts';
import { deliverCall, insertCall, findLoggedCall, updateLoggedCall, type CallDeliveryEntry, type CallsContext } from './calls.ts';
import { ZohoClient } from './client.ts';
import { resolveZohoEndpoints, type ZohoDataCentre } from './data-centres.ts';
import type { OAuthClient } from './oauth.ts';
import { fetchOrg, recordWebUrl, zohoOrgKey, type ZohoOrg } from './org.ts';
import { attachRecording, type TwilioRecordingAccess } from './recording.ts';
import { ZohoTokenManager, type TokenStore } from './token-manager.ts';
import { closeTask, findTask, insertTask, type ZohoTaskRecord } from './tasks.ts';
import { listActiveUsers } from './users.ts';

export type ZohoAdapterOptions = {
  dataCentre: ZohoDataCentre;
  /** ZOHO_ACCOUNTS_URL / ZOHO_API_URL (and the web host for links), parsed by the server's config. */
  overrides?: { accountsUrl?: string | null; apiUrl?: string | null; webUrl?: string | null };
  oauthClient: OAuthClient;
  tokenStore: TokenStore;
  fetch: typeof fetch;
  twilio: TwilioRecordingAccess;
  locale: Locale;
  /** The org's time zone for Call_Start_Time; read from `GET /org` when absent. */
  timeZone?: string | null;
  /** `org123456` for web links; read from `GET /org` when absent. */
  orgSegment?: string | null;
  /** The org's id as read at connect (crm_connection); read from `GET /org` when absent. */
  orgId?: string | null;
  defaultCountry?: CountryCode;
  lookupBudgetMs?: number;
  requestTimeoutMs?: number;
  now?: () => number;
};

export type ZohoAdapter = CrmAdapter & {
  /** The outbox worker's entry point for call logs. */
  deliverCall(entry: CallDeliveryEntry): Promise<{ zohoCallId: string }>;
  findLoggedCall(call: CallLog): Promise<string | null>;
  tokens: ZohoTokenManager;
  /** Follow-up tasks (crm/task-delivery.ts). */
  tasks: {
    insert(record: ZohoTaskRecord, followUpId: string): Promise<string>;
    find(record: ZohoTaskRecord, followUpId: string): Promise<string | null>;
    close(taskId: string): Promise<void>;
  };
};

const FALLBACK_TIME_ZONE = 'Asia/Tokyo';

export function createZohoAdapter(options: ZohoAdapterOptions): ZohoAdapter {
  const endpoints = resolveZohoEndpoints(options.dataCentre, options.overrides);
  const tokens = new ZohoTokenManager({
    store: options.tokenStore,
    client: options.oauthClient,
    fetch: options.fetch,
    now: options.now,
    apiUrlOverride: options.overrides?.apiUrl ?? null,
    dataCentre: options.dataCentre,
  });
  const client = new ZohoClient({ tokens, fetch: options.fetch, requestTimeoutMs: options.requestTimeoutMs });

  let org: Promise<ZohoOrg | null> | null = null;
  const loadOrg = () => {
    org ??= fetchOrg(client).catch(() => {
      org = null; // try again next time rather than caching the failure
      return null;
    });
    return org;
  };
  const orgSegment = async () => options.orgSegment ?? (await loadOrg())?.urlSegment ?? null;
  const recordOptions = async (): Promise<CallRecordOptions> => ({
    locale: options.locale,
    timeZone: options.timeZone ?? (await loadOrg())?.timeZone ?? FALLBACK_TIME_ZONE,
    defaultCountry: options.defaultCountry ?? 'JP',
  });
  const callsContext = async (): Promise<CallsContext> => ({ client, record: await recordOptions() });

  const lookup = new ZohoCallerLookup({
    client,
    recordUrl: async (module: CrmModule, id: string) => recordWebUrl(endpoints.webUrl, await orgSegment(), module, id),
    defaultCountry: options.defaultCountry ?? 'JP',
    budgetMs: options.lookupBudgetMs,
    now: options.now,
  });

  const orgKey = async (): Promise<string | null> => {
    const id = options.orgId ?? (await loadOrg())?.id;
    return id ? zohoOrgKey(await tokens.grantedApiDomain(), id) : null;
  };

  return {
    tokens,
    orgKey: () => orgKey().catch(() => null),
    lookupCaller: (e164, lookupOptions) => lookup.lookup(e164, lookupOptions),
    async logCall(call, logOptions) {
      const context = await callsContext();
      const existing = logOptions?.mayAlreadyExist ? await findLoggedCall(context, call) : null;
      return { recordId: existing ?? (await insertCall(context, call)) };
    },
    async updateCall(recordId, call) {
      await updateLoggedCall(await callsContext(), recordId, call);
    },
    attachRecording: async (input) =>
      attachRecording({ client, fetch: options.fetch, twilio: options.twilio, locale: options.locale }, input),
    listUsers: () => listActiveUsers(client),
    deliverCall: async (entry) => deliverCall(await callsContext(), entry),
    findLoggedCall: async (call) => findLoggedCall(await callsContext(), call),
    tasks: {
      insert: (record, followUpId) => insertTask(client, record, followUpId),
      find: (record, followUpId) => findTask(client, record, followUpId),
      close: (taskId) => closeTask(client, taskId),
    },
  };
}
