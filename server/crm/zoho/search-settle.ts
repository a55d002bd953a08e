import { RecheckLaterError } from '../errors.ts';

/**
 * How long Zoho's search may lag behind a create [inferred: Zoho documents no figure; search is an
 * index, and integrators report records showing up in it seconds, sometimes a minute or more, after
 * the create]. After a send with no clear answer, the record is searched for over this window before
 * it is created again; every `SEARCH_RECHECK_MS` meanwhile.
 */
export const ZOHO_SEARCH_SETTLE_MS = 3 * 60_000;
export const SEARCH_RECHECK_MS = 20_000;

/** What an outbox entry knows about its earlier sends. */
export type EarlierSends = {
  /** Attempts already made; any earlier attempt may have reached Zoho. */
  attempts: number;
  /** When a send went without a clear answer (it may have landed): search until the window has passed. */
  unconfirmedSince?: Date | null;
  /** epoch ms, for the window. */
  now?: number;
};

/** How long a lookup may lag behind a create, and how often to look again meanwhile. */
export type SettleWindow = { settleMs: number; recheckMs: number; code: string };

/** Zoho's search index (Calls, Tasks by their marker). */
export const SEARCH_WINDOW: SettleWindow = { settleMs: ZOHO_SEARCH_SETTLE_MS, recheckMs: SEARCH_RECHECK_MS, code: 'awaiting_crm_search' };

/**
 * Zoho has no idempotency key (reference §2.4), so before a create that an earlier attempt may
 * already have made, look for that record. Returns what the lookup found, or null when it is safe to
 * create now. After a send whose answer never came (or was a 5xx), an empty answer may only mean the
 * lookup is behind: until the window has passed it throws RecheckLaterError instead.
 * `what` names the record in that message, e.g. `Call CA…`.
 */
export async function findBeforeCreating<Found>(
  sends: EarlierSends,
  find: () => Promise<Found | null>,
  what: string,
  window: SettleWindow = SEARCH_WINDOW,
): Promise<Found | null> {
  const unconfirmed = sends.unconfirmedSince ?? null;
  const existing = sends.attempts > 0 || unconfirmed ? await find() : null;
  if (existing !== null || !unconfirmed) return existing;
  const waitedMs = (sends.now ?? Date.now()) - unconfirmed.getTime();
  if (waitedMs < window.settleMs) {
    throw new RecheckLaterError(
      window.code,
      `${what} may already be in Zoho (sent without a clear answer ${Math.round(waitedMs / 1000)} s ago); looking again before creating it`,
      Math.min(window.recheckMs, window.settleMs - waitedMs),
    );
  }
  return null;
}
