import type { MiddlewareHandler } from 'hono';
import { currentRequestLogContext } from '../logger.ts';
import { sessionCacheOf } from '../store/session-cache.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { respondWith } from './errors.ts';

type Role = 'admin' | 'supervisor' | 'rep';

function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * Authenticates the bearer session token. `roles` lists who may pass: reps' routes accept supervisors
 * and admins too (they may also take calls), admin routes accept admins only.
 */
export function requireUser(deps: AppDeps, roles: readonly Role[] = ['rep', 'supervisor', 'admin']): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) return respondWith(c, 'unauthenticated');
    const user = await sessionCacheOf(deps.store).userFor(token, deps.now());
    if (!user) return respondWith(c, 'unauthenticated');
    if (!roles.includes(user.role)) return respondWith(c, 'forbidden');
    c.set('user', user);
    c.set('sessionToken', token);
    const logContext = currentRequestLogContext();
    if (logContext) logContext.userId = user.id;
    await next();
  };
}

export const requireAdmin = (deps: AppDeps) => requireUser(deps, ['admin']);
/** Monitoring live calls: supervisors and admins. */
export const requireSupervisor = (deps: AppDeps) => requireUser(deps, ['supervisor', 'admin']);
