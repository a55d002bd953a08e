import { Hono } from 'hono';
import { requireAdmin } from '../http/auth.ts';
import { readJsonObject } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { apiError, invalidConfig, issue } from '../http/errors.ts';
import { normaliseNumber } from '../phone-config/normalise.ts';
import { requireUsableCallerId } from '../services/caller-id-service.ts';
import { editPhoneConfig, relativeTo } from '../services/phone-config-service.ts';
import { loadPhoneConfig, loadSettings } from '../store/phone-config-store.ts';
import { findUserById } from '../store/users.ts';

/**
 * Outgoing numbers: which caller ID each user calls from (one number per user; numbers may be shared).
 * A number Twilio would refuse as caller ID is refused on save (checked with Twilio each time).
 */
export function outgoingRoutes(deps: AppDeps) {
  const list = async () => (await loadPhoneConfig(deps.store.db)).outgoing;
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json({ outgoing: await list() }))
    .put('/:user', async (c) => {
      const user = c.req.param('user');
      const body = await readJsonObject(c);
      // The user first: Twilio is not asked about a number for nobody, and the refusal names the user
      // as the document's rules do (which still catch one removed meanwhile).
      if (!(await findUserById(deps.store.db, user))) throw invalidConfig([issue('user', 'unknown_user', { user })]);
      // A number that does not parse is left to the document's rules, which name the field.
      const typed = body.number;
      const e164 = typeof typed === 'string' ? normaliseNumber(typed, (await loadSettings(deps.store.db)).defaultCountry) : null;
      if (e164) await requireUsableCallerId(deps, e164);
      let index = 0;
      const saved = await editPhoneConfig(
        deps,
        c.get('user'),
        (document) => {
          const assignment = { ...body, user };
          const existing = document.outgoing.findIndex((item) => item.user === user);
          index = existing >= 0 ? existing : document.outgoing.length;
          document.outgoing[index] = assignment;
        },
        (issue) => relativeTo(`outgoing[${index}]`)(issue),
      );
      return c.json(saved.outgoing.find((item) => item.user === user));
    })
    .delete('/:user', async (c) => {
      const user = c.req.param('user');
      await editPhoneConfig(deps, c.get('user'), (document) => {
        const index = document.outgoing.findIndex((item) => item.user === user);
        if (index < 0) throw apiError('outgoing_not_found', { user });
        document.outgoing.splice(index, 1);
      });
      return c.body(null, 204);
    });
}
