import { Hono } from 'hono';
import { requireUser } from '../http/auth.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { listIncomingNumbers } from '../store/phone-config-store.ts';
import { lineSummary } from '../store/waiting-line.ts';
import { hasWaitingLine } from '../voice/waiting-line.ts';

/**
 * `GET /api/waiting-line`: who is waiting now — per number and in all — with the longest wait, for
 * the popup's indicator (a rep: the lines of the calls they take) and the options page (everyone's);
 * `enabled` says whether there is a waiting line to show at all.
 */
export function waitingLineRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono<AppEnv>().use(requireUser(deps)).get('/', async (c) => {
    const user = c.get('user');
    const now = deps.now();
    const rep = user.role === 'rep' ? user.id : null;
    const [lines, numbers] = await Promise.all([lineSummary(db, rep), listIncomingNumbers(db)]);
    const seconds = (since: Date | null) => (since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : 0);
    const oldest = lines.reduce<Date | null>((min, line) => (line.longestSince && (!min || line.longestSince < min) ? line.longestSince : min), null);
    return c.json({
      // Whether any number has a waiting line (for a rep: one they take calls from); none: nothing to show.
      enabled: numbers.some((number) => number.enabled && hasWaitingLine(number.route, rep)),
      count: lines.reduce((sum, line) => sum + line.count, 0),
      longestWaitSeconds: seconds(oldest),
      lines: lines.map((line) => ({
        number: line.number,
        label: numbers.find((number) => number.number === line.number)?.label ?? '',
        count: line.count,
        longestWaitSeconds: seconds(line.longestSince),
      })),
    });
  });
}
