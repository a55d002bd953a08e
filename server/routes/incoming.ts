import { Hono } from 'hono';
import { requireAdmin } from '../http/auth.ts';
import { readJsonObject } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError } from '../http/errors.ts';
import { normaliseNumber } from '../phone-config/normalise.ts';
import { connectNumber, disconnectNumber } from '../services/number-provisioning-service.ts';
import { editPhoneConfig, relativeTo, type EditableConfig } from '../services/phone-config-service.ts';
import { listIncomingNumbers, loadSettings } from '../store/phone-config-store.ts';

/** Incoming numbers (`:number` is E.164 or national format, URL-encoded; Hono decodes it once). */
export function incomingRoutes(deps: AppDeps) {
  const { db } = deps.store;
  const e164 = async (param: string) => {
    const country = (await loadSettings(db)).defaultCountry;
    return normaliseNumber(param, country) ?? param;
  };
  const indexOf = (document: EditableConfig, number: string) => {
    const index = document.incoming.findIndex((item) => item.number === number);
    if (index < 0) throw apiError('incoming_number_not_found', { number });
    return index;
  };
  const findOne = async (number: string) => {
    const found = (await listIncomingNumbers(db)).find((item) => item.number === number);
    if (!found) throw apiError('incoming_number_not_found', { number });
    return found;
  };
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json({ incoming: await listIncomingNumbers(db) }))
    .get('/:number', async (c) => c.json(await findOne(await e164(c.req.param('number')))))
    .post('/', async (c) => {
      const body = await readJsonObject(c);
      let index = 0;
      const saved = await editPhoneConfig(
        deps,
        c.get('user'),
        (document) => {
          index = document.incoming.push(body) - 1;
        },
        (issue) => relativeTo(`incoming[${index}]`)(issue),
      );
      // Given the Twilio number's SID, point it at this server now (the options page's "Add number").
      const twilio =
        typeof body.twilioSid === 'string' ? await connectNumber(deps, { sid: body.twilioSid, confirm: body.confirm === true }) : null;
      return c.json({ ...saved.incoming[index], ...(twilio ? { twilio } : {}) }, 201);
    })
    .put('/:number', async (c) => {
      const number = await e164(c.req.param('number'));
      const body = await readJsonObject(c);
      let index = 0;
      const saved = await editPhoneConfig(
        deps,
        c.get('user'),
        (document) => {
          index = indexOf(document, number);
          document.incoming[index] = { number, ...body };
        },
        (issue) => relativeTo(`incoming[${index}]`)(issue),
      );
      return c.json(saved.incoming[index]);
    })
    .delete('/:number', async (c) => {
      const number = await e164(c.req.param('number'));
      // Give the Twilio number back first: saving drops the stored "before" settings.
      await disconnectNumber(deps, number);
      await editPhoneConfig(deps, c.get('user'), (document) => {
        document.incoming.splice(indexOf(document, number), 1);
      });
      return c.body(null, 204);
    });
}
