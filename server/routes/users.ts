import { Hono } from 'hono';
import { requireAdmin } from '../http/auth.ts';
import { readJsonObject } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { ApiError, apiError, invalidInput, issue } from '../http/errors.ts';
import { editPhoneConfig, relativeTo, type EditableConfig } from '../services/phone-config-service.ts';
import { findUserById, freeUserId, listUsers, toPublicUser } from '../store/users.ts';

/** Tries of an id made from the address, each after another new user took the last one. */
const MAX_ID_ATTEMPTS = 5;

const WRITABLE = ['name', 'email', 'role', 'password', 'crmUserId', 'active'] as const;

function pick(source: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(WRITABLE.filter((key) => Object.hasOwn(source, key)).map((key) => [key, source[key]]));
}

function indexOfUser(document: EditableConfig, id: string): number {
  const index = document.users.findIndex((user) => user.id === id);
  if (index < 0) throw apiError('user_not_found', { id });
  return index;
}

/** Users: reps and admins. Passwords are write-only. Changes go through the whole-document rules. */
export function usersRoutes(deps: AppDeps) {
  const { db } = deps.store;
  const publicUser = async (id: string) => {
    const user = await findUserById(db, id);
    if (!user) throw apiError('user_not_found', { id });
    return toPublicUser(user);
  };
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json({ users: (await listUsers(db)).map(toPublicUser) }))
    .get('/:id', async (c) => c.json(await publicUser(c.req.param('id'))))
    .post('/', async (c) => {
      const body = await readJsonObject(c);
      const fields = pick(body);
      const requestedId = typeof body.id === 'string' && body.id ? body.id : null;
      const email = typeof fields.email === 'string' ? fields.email : 'user';
      // An id made from the address is chosen outside the configuration's lock: another new user may
      // take it first (two admins, two addresses with the same local part). Then the next free one,
      // never a refusal for an id the admin did not type.
      for (let attempt = 1; ; attempt++) {
        const id = requestedId ?? (await freeUserId(db, email));
        let index = 0;
        try {
          await editPhoneConfig(
            deps,
            c.get('user'),
            (document) => {
              if (document.users.some((user) => user.id === id)) {
                throw apiError('user_exists', { id });
              }
              index = document.users.push({ id, active: true, ...fields }) - 1;
            },
            (issue) => relativeTo(`users[${index}]`)(issue),
            c.get('sessionToken'),
          );
        } catch (error) {
          if (!requestedId && attempt < MAX_ID_ATTEMPTS && error instanceof ApiError && error.code === 'user_exists') continue;
          throw error;
        }
        return c.json(await publicUser(id), 201);
      }
    })
    .patch('/:id', async (c) => {
      const id = c.req.param('id');
      const body = await readJsonObject(c);
      // The id is the user's identity for Twilio and in the call log: it is never renamed.
      if (Object.hasOwn(body, 'id') && body.id !== id) throw invalidInput([issue('id', 'user_id_immutable')]);
      const fields = pick(body);
      let index = 0;
      await editPhoneConfig(
        deps,
        c.get('user'),
        (document) => {
          index = indexOfUser(document, id);
          document.users[index] = { ...document.users[index], ...fields };
        },
        (issue) => relativeTo(`users[${index}]`)(issue),
        c.get('sessionToken'),
      );
      return c.json(await publicUser(id));
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      await editPhoneConfig(deps, c.get('user'), (document) => {
        document.users.splice(indexOfUser(document, id), 1);
        // A removed user leaves no dangling references behind.
        document.outgoing = document.outgoing.filter((assignment) => assignment.user !== id);
        // Their numbers' missed calls go back to the first rep rung.
        for (const incoming of document.incoming) if (incoming['owner'] === id) delete incoming['owner'];
      });
      return c.body(null, 204);
    });
}
