import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { callerLookupForVoice } from './crm/caller-match.ts';
import { CrmRuntime, SELF_CLIENT_ONLY } from './crm/crm-runtime.ts';
import type { AppDeps, AppEnv } from './http/deps.ts';
import { requestBodyLimits } from './http/body-limit.ts';
import { apiError, bodyOf } from './http/errors.ts';
import { errorFromThrown } from './http/error-mapping.ts';
import { apiCors, requestLogging } from './http/middleware.ts';
import { refuseUnstorableUrlText } from './http/url-guard.ts';
import { twilioAdminRoutes } from './routes/admin/index.ts';
import { audioRoutes } from './routes/audio.ts';
import { authRoutes } from './routes/auth.ts';
import { configRoutes } from './routes/config.ts';
import { crmRoutes } from './routes/crm.ts';
import { healthRoutes } from './routes/health.ts';
import { incomingRoutes } from './routes/incoming.ts';
import { invitesRoutes } from './routes/invites.ts';
import { mediaRoutes } from './routes/media.ts';
import { meRoutes } from './routes/me.ts';
import { outgoingRoutes } from './routes/outgoing.ts';
import { presenceRoutes } from './routes/presence.ts';
import { previewRoutes } from './routes/preview.ts';
import { callsRoutes } from './routes/calls.ts';
import { tokenRoutes } from './routes/token.ts';
import { twilioRoutes } from './routes/twilio/index.ts';
import { usersRoutes } from './routes/users.ts';
import { callControlRoutes } from './routes/call-control.ts';
import { colleaguesRoutes } from './routes/colleagues.ts';
import { createCallControl } from './services/call-control/index.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { boardRoutes } from './routes/board.ts';
import { BoardHub } from './board/board-hub.ts';
import { followUpRoutes } from './routes/follow-ups.ts';
import { waitingLineRoutes } from './routes/waiting-line.ts';
import { hoursSettingsRoutes } from './routes/hours-settings.ts';

export type { AppDeps } from './http/deps.ts';

export interface AppOptions {
  /**
   * The CRM connection of this instance (server/index.ts builds it from ZOHO_*). Without one the app
   * makes its own from deps: the CRM routes and the caller lookup work with a Self Client connection,
   * and deliveries wait in the outbox for an instance whose worker sends them.
   */
  crm?: CrmRuntime;
  /** This instance's outbox worker: woken whenever a delivery is queued or the CRM is (re)connected. */
  crmWorker?: { wake(): void };
  /** This instance's live board (its event streams end when the server shuts down). */
  board?: BoardHub;
  /** This instance's waiting-line pacer: woken whenever a Twilio request may have freed a rep. */
  waitingLine?: { wake(): void };
}

/** Composes the server from one sub-app per resource. No I/O here beyond what deps provide. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const crm = options.crm ?? new CrmRuntime(deps, { zoho: SELF_CLIENT_ONLY });
  const worker = options.crmWorker;
  const onCrmDelivery = worker ? () => worker.wake() : undefined;
  const line = options.waitingLine;
  const onRepMayBeFree = line ? () => line.wake() : undefined;
  const control = createCallControl(deps);
  const lookupCaller = callerLookupForVoice({ db: deps.store.db, logger: deps.logger }, crm, { budgetMs: crm.options.lookupBudgetMs });

  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(requestLogging(deps));
  app.use('/api/*', apiCors(deps));
  // The untrusted edge, before any route reads the request: bounded bodies, storable URL text.
  app.use(requestBodyLimits());
  app.use(refuseUnstorableUrlText({ webhooksUnder: '/twilio/' }));

  app.route('/healthz', healthRoutes(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/me', meRoutes(deps));
  app.route('/api/presence', presenceRoutes(deps));
  app.route('/api/config', configRoutes(deps));
  app.route('/api/users', usersRoutes(deps));
  app.route('/', invitesRoutes(deps)); // /api/invites (admin; lookup and accept are public) and the /invite page
  app.route('/api/incoming', incomingRoutes(deps));
  app.route('/api/outgoing', outgoingRoutes(deps));
  app.route('/api/token', tokenRoutes(deps));
  app.route('/api/calls', callControlRoutes(deps, control));
  app.route('/api/colleagues', colleaguesRoutes(deps));
  app.route('/api/calls', callsRoutes(deps, { onCrmDelivery }));
  app.route('/api/follow-ups', followUpRoutes(deps, { ...(onCrmDelivery ? { onCrmDelivery } : {}) }));
  app.route('/api/waiting-line', waitingLineRoutes(deps));
  app.route('/api/settings/hours', hoursSettingsRoutes(deps));
  app.route('/api/crm', crmRoutes(deps, { crm, ...(worker ? { worker } : {}) }));
  app.route('/api/twilio', twilioAdminRoutes(deps));
  app.route('/api/audio', audioRoutes(deps));
  app.route('/api/board', boardRoutes(deps, options.board ?? new BoardHub({ db: deps.store.db, now: deps.now, logger: deps.logger })));
  app.route('/api/analytics', analyticsRoutes(deps));
  // The preview walks the same webhooks Twilio would call, through this very app.
  app.route('/api/preview', previewRoutes(deps, { voice: (request) => app.request(request) }));
  app.route('/twilio', twilioRoutes(deps, { control, lookupCaller, onCrmDelivery, onRepMayBeFree, twilioRecordings: () => crm.twilioRecordings() }));
  app.route('/media', mediaRoutes(deps)); // public: Twilio fetches <Play> URLs (unguessable ids)

  app.notFound((c) => {
    const error = apiError('no_route', { method: c.req.method, path: c.req.path });
    return c.json(bodyOf(error), error.status);
  });
  app.onError((thrown, c) => {
    const error = errorFromThrown(thrown);
    if (error.status >= 500) deps.logger.error({ err: thrown }, 'unhandled error');
    return c.json(bodyOf(error), error.status);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
