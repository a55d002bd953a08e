import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { englishMessage } from '../../contract/api-errors.ts';
import { accountsUrlFor, connectZoho, disconnectZoho } from '../crm/connect-zoho.ts';
import type { CrmRuntime } from '../crm/crm-runtime.ts';
import { CrmDeliveryError, PermanentError } from '../crm/errors.ts';
import { authorizationUrl } from '../crm/zoho/connect.ts';
import { dataCentreForAccountsServer, ZOHO_DATA_CENTRES, type ZohoDataCentre } from '../crm/zoho/data-centres.ts';
import { matchUsersByEmail } from '../crm/zoho/users.ts';
import { requireAdmin } from '../http/auth.ts';
import { parseInput, readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError, type ApiError } from '../http/errors.ts';
import type { CrmConnectionInfo } from '../store/crm-connection.ts';
import { findOutboxEntry, listOutbox, outboxCounts, retryParked, type OutboxEntry } from '../store/crm-outbox.ts';
import { loadCrmSettings, saveCrmSettings } from '../store/crm-settings.ts';
import { lockPhoneConfig } from '../store/phone-config-store.ts';
import { issueOAuthState, takeOAuthState } from '../store/oauth-states.ts';
import { findUserById } from '../store/users.ts';
import { sessionCacheOf } from '../store/session-cache.ts';

/**
 * The CRM connection, admin only: status, connect (Self Client grant code, or the server-based
 * client's browser redirect), disconnect, rep ↔ CRM user matching, and the parked deliveries.
 * Tokens never leave the server.
 */

export interface CrmRouteOptions {
  crm: CrmRuntime;
  /** The outbox worker of this instance: woken after a connect or a retry. */
  worker?: { wake(): void };
}

const DATA_CENTRES = Object.keys(ZOHO_DATA_CENTRES) as [ZohoDataCentre, ...ZohoDataCentre[]];
const STATE_TTL_MS = 10 * 60_000;

/**
 * Zoho issues short values (a grant code `1000.<32 hex>.<32 hex>`, 70 characters; a client id
 * `1000.<30>`, 35; a secret, 42): bounded well above those, so a pasted page is refused here, naming
 * its field, rather than sent on to Zoho.
 */
const ZOHO_VALUE_MAX = { code: 200, clientId: 100, clientSecret: 100 } as const;

const connectSchema = z
  .object({
    dataCentre: z.enum(DATA_CENTRES),
    code: z.string().trim().min(1).max(ZOHO_VALUE_MAX.code),
    clientId: z.string().trim().min(1).max(ZOHO_VALUE_MAX.clientId).optional(),
    clientSecret: z.string().trim().min(1).max(ZOHO_VALUE_MAX.clientSecret).optional(),
  })
  .refine((body) => !body.clientId === !body.clientSecret, { path: ['clientSecret'], message: 'client_id_and_secret_together' });

const settingsSchema = z.object({ deleteRecordingsAfterUpload: z.boolean() }).strict();

const outboxQuerySchema = z.object({ status: z.enum(['pending', 'sending', 'done', 'parked']).default('parked') });
const authorizeQuerySchema = z.object({ dataCentre: z.enum(DATA_CENTRES).default('JP') });

function connectionStatus(connection: CrmConnectionInfo | null) {
  if (!connection) return { connected: false as const };
  return {
    connected: true as const,
    provider: connection.provider,
    dataCentre: connection.dataCentre,
    apiDomain: connection.apiDomain,
    org: connection.org,
    user: connection.connectedUser,
    connectedAt: connection.connectedAt.toISOString(),
    selfClient: connection.selfClient,
    /** Why deliveries are on hold, in English (Zoho's refusal as recorded, or the code's message). */
    problem: connection.problem ?? (connection.secretsUnreadable ? englishMessage('zoho_secrets_unreadable') : null),
    /** A code of the error contract the page words in the admin's language; null for Zoho's own refusals. */
    problemCode: connection.secretsUnreadable ? ('zoho_secrets_unreadable' as const) : null,
  };
}

function publicEntry(entry: OutboxEntry) {
  return {
    id: entry.id,
    callSid: entry.callSid,
    kind: entry.kind,
    status: entry.status,
    attempts: entry.attempts,
    lastError: entry.lastError,
    nextAttemptAt: entry.nextAttemptAt.toISOString(),
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

/** Zoho's OAuth refusals the options page words by name; any other refusal keeps Zoho's code as a param. */
const ZOHO_REFUSALS: Record<string, 'zoho_invalid_code' | 'zoho_invalid_client' | 'zoho_untrusted_api_domain'> = {
  invalid_code: 'zoho_invalid_code',
  untrusted_api_domain: 'zoho_untrusted_api_domain',
  invalid_client: 'zoho_invalid_client',
  invalid_client_secret: 'zoho_invalid_client',
};

function zohoFailure(error: unknown): ApiError {
  if (error instanceof PermanentError && error.code === 'scope_missing') {
    const missing = (error.details as { missing?: unknown } | null)?.missing;
    return apiError('zoho_scope_missing', { scopes: Array.isArray(missing) ? missing.join(', ') : '' });
  }
  if (error instanceof PermanentError) {
    const named = ZOHO_REFUSALS[error.code];
    return named ? apiError(named) : apiError('zoho_rejected', { zohoCode: error.code });
  }
  if (error instanceof CrmDeliveryError) return apiError('zoho_unavailable');
  throw error;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page the admin's browser lands on after Zoho's consent screen. */
function callbackPage(c: Context, ok: boolean, detail = ''): Response {
  const [ja, en] = ok
    ? ['Zoho CRM に接続しました。このタブを閉じてください。', 'Zoho CRM is connected. You can close this tab.']
    : ['Zoho CRM に接続できませんでした。拡張機能の設定画面からもう一度お試しください。', 'Could not connect Zoho CRM. Try again from the extension’s options page.'];
  const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Yobidashi × Zoho CRM</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;line-height:1.6">
<p>${ja}</p><p lang="en">${en}</p>${detail ? `<p><small>${escapeHtml(detail)}</small></p>` : ''}</body></html>`;
  return c.html(html, ok ? 200 : 400);
}

export function crmRoutes(deps: AppDeps, options: CrmRouteOptions) {
  const { crm } = options;
  const { db } = deps.store;
  const app = new Hono<AppEnv>();
  const redirectUri = () => crm.options.zoho.redirectUri ?? (deps.publicUrl ? `${deps.publicUrl}/api/crm/zoho/callback` : null);

  // The redirect from Zoho carries no bearer token: the `state` proves an admin started it, once.
  app.get('/zoho/callback', async (c) => {
    const query = c.req.query();
    const taken = await takeOAuthState(db, query['state'] ?? '', deps.now());
    if (query['error']) return callbackPage(c, false, query['error']);
    const dataCentre = z.enum(DATA_CENTRES).safeParse(taken?.dataCentre);
    if (!taken || !dataCentre.success) return callbackPage(c, false, 'invalid, used or expired state');
    const state = { userId: taken.userId, dataCentre: dataCentre.data };
    const admin = await findUserById(db, state.userId);
    if (!admin || admin.role !== 'admin' || !admin.active) return callbackPage(c, false, 'expired');
    const client = crm.oauthClientFor(null);
    const uri = redirectUri();
    if (!client || !uri || !query['code']) return callbackPage(c, false, 'missing code or client');

    // Only a known Zoho accounts server gets our client secret (or the emulator named by ZOHO_ACCOUNTS_URL).
    const named = query['accounts-server'] ? dataCentreForAccountsServer(query['accounts-server']) : state.dataCentre;
    if (!named && !crm.options.zoho.accountsUrl) return callbackPage(c, false, 'unknown accounts server');
    const connectedCentre = named ?? state.dataCentre;
    try {
      await connectZoho(crm, {
        dataCentre: connectedCentre,
        accountsUrl: accountsUrlFor(crm, connectedCentre),
        client: { ...client, redirectUri: uri },
        keepClient: false,
        code: query['code'],
        connectedBy: admin.id,
      });
    } catch (error) {
      const failure = zohoFailure(error);
      return callbackPage(c, false, failure.message);
    }
    options.worker?.wake();
    return callbackPage(c, true);
  });

  app.use('*', requireAdmin(deps));

  app.get('/', async (c) => {
    const [connection, counts, settings] = await Promise.all([crm.connection(), outboxCounts(db), loadCrmSettings(db)]);
    const { clientId, clientSecret } = crm.options.zoho;
    return c.json({
      ...connectionStatus(connection),
      serverClient: Boolean(clientId && clientSecret && redirectUri()),
      outbox: { pending: counts.pending + counts.sending, parked: counts.parked },
      settings,
    });
  });

  // Kept while disconnected too: the choice belongs to the org, not to one Zoho grant.
  app.put('/settings', async (c) => {
    const body = await readJson(c, settingsSchema);
    return c.json(await saveCrmSettings(db, body, deps.now()));
  });

  app.post('/zoho/connect', async (c) => {
    const body = await readJson(c, connectSchema);
    const selfClient = body.clientId && body.clientSecret ? { clientId: body.clientId, clientSecret: body.clientSecret } : null;
    const client = selfClient ?? crm.oauthClientFor(null);
    if (!client) throw apiError('zoho_client_missing');
    const connection = await connectZoho(crm, {
      dataCentre: body.dataCentre,
      client: selfClient ?? { clientId: client.clientId, clientSecret: client.clientSecret },
      keepClient: selfClient !== null,
      code: body.code,
      connectedBy: c.get('user').id,
    }).catch((error: unknown) => {
      throw zohoFailure(error);
    });
    options.worker?.wake();
    return c.json(connectionStatus(connection));
  });

  app.get('/zoho/authorize', async (c) => {
    const { dataCentre } = parseInput(authorizeQuerySchema, c.req.query());
    const client = crm.oauthClientFor(null);
    const uri = redirectUri();
    if (!client || !uri) throw apiError('zoho_server_client_missing');
    const state = await issueOAuthState(db, { userId: c.get('user').id, dataCentre, now: deps.now(), ttlMs: STATE_TTL_MS });
    return c.json({ url: authorizationUrl(accountsUrlFor(crm, dataCentre), { ...client, redirectUri: uri }, state), redirectUri: uri });
  });

  app.delete('/', async (c) => {
    // Undelivered calls stay in the outbox and go out when a CRM is connected again.
    await disconnectZoho(crm);
    return c.body(null, 204);
  });

  app.post('/users/sync', async (c) => {
    const adapter = await crm.adapter();
    if (!adapter) throw apiError('crm_not_connected');
    const crmUsers = await adapter.listUsers().catch((error: unknown) => {
      throw zohoFailure(error);
    });
    const activeIds = new Set(crmUsers.filter((user) => user.active).map((user) => user.id));
    const now = deps.now();
    // Under the configuration's lock, as an admin's save (services/phone-config-service.ts): a save
    // running meanwhile would write back the mappings it read, or deadlock with these row updates.
    const { users, matching } = await db.transaction().execute(async (trx) => {
      await lockPhoneConfig(trx);
      const users = await trx.selectFrom('users').select(['id', 'name', 'email', 'crm_user_id']).where('active', '=', true).orderBy('id').execute();
      const matching = matchUsersByEmail(users, crmUsers);
      for (const { repId, crmUserId } of matching.matched) {
        await trx.updateTable('users').set({ crm_user_id: crmUserId, updated_at: now }).where('id', '=', repId).execute();
      }
      // A mapping set by hand survives; one pointing at a user Zoho no longer has active does not.
      const stale = users.filter((user) => matching.unmatchedReps.includes(user.id) && user.crm_user_id && !activeIds.has(user.crm_user_id));
      for (const user of stale) await trx.updateTable('users').set({ crm_user_id: null, updated_at: now }).where('id', '=', user.id).execute();
      await trx
        .updateTable('app_settings')
        .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: now }))
        .where('id', '=', 1)
        .execute();
      return { users, matching };
    });
    sessionCacheOf(deps.store).forgetAll();
    const crmById = new Map(crmUsers.map((user) => [user.id, user]));
    const byId = new Map(users.map((user) => [user.id, user]));
    return c.json({
      matched: matching.matched.map(({ repId, crmUserId }) => ({
        userId: repId,
        name: byId.get(repId)?.name ?? repId,
        email: byId.get(repId)?.email ?? '',
        crmUserId,
        crmUserName: crmById.get(crmUserId)?.name ?? '',
      })),
      unmatched: matching.unmatchedReps.map((id) => ({ userId: id, name: byId.get(id)?.name ?? id, email: byId.get(id)?.email ?? '' })),
      crmUsers: crmUsers.filter((user) => user.active).map(({ id, name, email }) => ({ id, name, email })),
    });
  });

  app.get('/outbox', async (c) => {
    const { status } = parseInput(outboxQuerySchema, c.req.query());
    const entries = await listOutbox(db, { status });
    return c.json({ entries: entries.map(publicEntry) });
  });

  app.post('/outbox/retry-parked', async (c) => {
    const requeued = await retryParked(db, { now: deps.now() });
    options.worker?.wake();
    return c.json({ requeued: requeued.length });
  });

  app.post('/outbox/:id/retry', async (c) => {
    const id = c.req.param('id');
    if (!/^\d{1,18}$/.test(id)) throw apiError('outbox_entry_not_found');
    const [entry] = await retryParked(db, { id, now: deps.now() });
    if (!entry) {
      const existing = await findOutboxEntry(db, id);
      if (!existing) throw apiError('outbox_entry_not_found');
      throw apiError('outbox_entry_not_parked', { status: existing.status });
    }
    options.worker?.wake();
    return c.json(publicEntry(entry));
  });

  return app;
}
