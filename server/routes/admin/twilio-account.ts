import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { readJson } from '../../http/body.ts';
import type { AppDeps, AppEnv } from '../../http/deps.ts';
import { authenticateAccount, readAccount } from '../../services/twilio-account-service.ts';

const credentialsSchema = z.object({
  accountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, 'invalid_account_sid'),
  authToken: z.string().trim().regex(/^[0-9a-fA-F]{32}$/, 'invalid_auth_token'),
});

/** `/api/twilio/account`: step 1, authenticate Twilio. The Auth Token and API key secret are never returned. */
export function twilioAccountRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json(await readAccount(deps)))
    .put('/', async (c) => c.json(await authenticateAccount(deps, await readJson(c, credentialsSchema))));
}
