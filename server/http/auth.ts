import type { MiddlewareHandler } from 'hono';
import { userForSession } from '../store/sessions.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { jsonError } from './errors.ts';

type Role = 'admin' | 'supervisor' | 'rep';

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * Authenticates the bearer session token. `roles` lists who may pass: reps' routes accept admins too
 * (an admin may also take calls), admin routes accept admins only.
 */
export function requireUser(deps: AppDeps, roles: readonly Role[] = ['rep', 'admin']): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) return jsonError(c, 401, 'unauthenticated', 'Sign in first (missing bearer token).');
    const user = await userForSession(deps.store.db, token, deps.now());
    if (!user) return jsonError(c, 401, 'unauthenticated', 'Your session has expired or was revoked. Sign in again.');
    if (!roles.includes(user.role)) {
      return jsonError(c, 403, 'forbidden', `This needs the ${roles.join(' or ')} role.`);
    }
    c.set('user', user);
    c.set('sessionToken', token);
    c.set('logger', c.get('logger').child({ userId: user.id }));
    await next();
  };
}

export const requireAdmin = (deps: AppDeps) => requireUser(deps, ['admin']);
