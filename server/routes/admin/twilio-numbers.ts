import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin } from '../../http/auth.ts';
import { readJson } from '../../http/body.ts';
import type { AppDeps, AppEnv } from '../../http/deps.ts';
import { invalidInput, issue } from '../../http/errors.ts';
import {
  connectNumber,
  disconnectNumber,
  incomingNumberForSid,
  listAccountNumbers,
} from '../../services/number-provisioning-service.ts';

const connectSchema = z.object({ confirm: z.boolean().default(false) });

function numberSid(param: string): string {
  if (!/^PN[0-9a-fA-F]{32}$/.test(param)) throw invalidInput([issue('sid', 'invalid_phone_number_sid')]);
  return param;
}

/** `/api/twilio/numbers`: the account's numbers, and pointing them at this server or giving them back. */
export function twilioNumbersRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json({ numbers: await listAccountNumbers(deps) }))
    .post('/:sid/connect', async (c) => {
      const sid = numberSid(c.req.param('sid'));
      const { confirm } = await readJson(c, connectSchema);
      return c.json(await connectNumber(deps, { sid, confirm }));
    })
    .post('/:sid/disconnect', async (c) => {
      const number = await incomingNumberForSid(deps, numberSid(c.req.param('sid')));
      return c.json(await disconnectNumber(deps, number));
    });
}
