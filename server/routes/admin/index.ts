import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../http/deps.ts';
import { callerIdsRoutes } from './caller-ids.ts';
import { setupCheckRoutes } from './setup-check.ts';
import { twilioAccountRoutes } from './twilio-account.ts';
import { twilioNumbersRoutes } from './twilio-numbers.ts';

/** Twilio provisioning for the options page, mounted at `/api/twilio` (admins only). */
export function twilioAdminRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route('/account', twilioAccountRoutes(deps))
    .route('/numbers', twilioNumbersRoutes(deps))
    .route('/caller-ids', callerIdsRoutes(deps))
    .route('/setup-check', setupCheckRoutes(deps));
}
