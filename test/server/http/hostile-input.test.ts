import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, createHostileTarget, isWebhook, routesOf, sendHostile, takesBody, webhookRequest, type HostileTarget } from '../support/hostile-requests.ts';
import { createTestApp } from '../support/app.ts';

/**
 * Every route, API and webhooks (signed and unsigned), driven with generated hostile input: huge,
 * deep (a part of a realistic body embedded in itself thousands of times), NUL, wrong types,
 * duplicate keys, odd encodings. Whatever arrives, the server answers within a bound, never 5xx,
 * with an error the contract knows (worded by the extension in both languages), and a refused
 * request changes nothing. A fixed seed and a modest number of runs per route here;
 * `npm run bench -- --only edge` runs many more.
 */

export const PROPERTY_RUNS = { bodyRoute: 24, otherRoute: 4, webhook: 10 };
const SEED = 20_261_124;

// The route table is read from the app itself, so a new route is driven without a change here.
const routes = routesOf((await createTestApp()).app);

let target: HostileTarget;
let rssAtStart = 0;
let rssPeak = 0;

beforeAll(async () => {
  target = await createHostileTarget();
  rssAtStart = process.memoryUsage().rss;
});
afterAll(() => target.close());

async function holds(request: Parameters<typeof sendHostile>[1]): Promise<void> {
  const outcome = await sendHostile(target, request);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  expect(outcome.problems).toEqual([]);
}

describe('hostile input', () => {
  it.each(routes.filter((route) => !isWebhook(route)).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s: in time, never 5xx, in the contract, nothing changed by a refusal',
    { timeout: 60_000 },
    async (_name, route) => {
      const numRuns = takesBody(route) ? PROPERTY_RUNS.bodyRoute : PROPERTY_RUNS.otherRoute;
      await fc.assert(fc.asyncProperty(apiRequest(route), holds), { seed: SEED, numRuns, endOnFailure: true });
    },
  );

  it.each(routes.filter(isWebhook).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s, signed or not: in time, never 5xx',
    { timeout: 60_000 },
    async (_name, route) => {
      await fc.assert(fc.asyncProperty(webhookRequest(route), holds), { seed: SEED, numRuns: PROPERTY_RUNS.webhook, endOnFailure: true });
    },
  );

  it('keeps memory bounded while doing so', () => {
    expect(rssPeak - rssAtStart).toBeLessThan(384 * 1024 * 1024);
  });
});
