import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';
import { saveConnectionDetails } from '../store/crm-connection.ts';
import { claimDueEntries, completeEntry, finishUpdatesOfUnloggedCall, parkEntry, releaseClaims, rescheduleEntry, type OutboxEntry } from '../store/crm-outbox.ts';
import type { Store } from '../store/database.ts';
import { deliverEntry } from './call-delivery.ts';
import type { ConnectedCrm } from './crm-runtime.ts';
import { AmbiguousError, PermanentError, RecheckLaterError, RetryableError } from './errors.ts';
import { IN_ANOTHER_ORG } from './org-switch.ts';
import { ZOHO_MAX_CONCURRENT_REQUESTS } from './zoho/client.ts';

/**
 * Sends the CRM outbox. Each pass claims up to `concurrency` due entries (a lease in the database,
 * so another instance skips them and a crashed instance's claims expire), sends them through the
 * adapter (whose concurrency limit keeps Zoho under its own), and records the outcome:
 * done, retry later (exponential backoff with full jitter; Zoho's own wait after a 429), or parked.
 */

export const OUTBOX_DEFAULTS = {
  pollIntervalMs: 5_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 12,
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60_000,
  /** A retry is never sooner than this, so one pass never spins on the same entry. */
  minDelayMs: 1_000,
  /**
   * How long a stop waits for the sends under way before giving their claims back. Shorter than
   * the server's 10 s forced exit; a Zoho request may take 20 s.
   */
  stopGraceMs: 5_000,
  /** How often a pass also runs the `sweep` (what Twilio's recording callbacks left undone). */
  sweepEveryMs: 60_000,
} as const;

/** Errors that say the connection itself is broken: every entry would fail the same way. */
const CONNECTION_PROBLEMS = new Set(['oauth_revoked', 'invalid_client', 'OAUTH_SCOPE_MISMATCH', 'no_refresh_token']);

export interface OutboxWorkerOptions {
  store: Store;
  crm: { connected(): Promise<ConnectedCrm | null> };
  logger: Logger;
  now: () => Date;
  /** [0, 1): the jitter; injectable so tests can pin the backoff. */
  random?: () => number;
  workerId?: string;
  pollIntervalMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  concurrency?: number;
  /**
   * Upkeep that rides on the passes' timer, at most every `sweepEveryMs`, whether or not a CRM is
   * connected (index.ts: crm/recording-sweep.ts). Its failures are logged, never the pass's.
   */
  sweep?: () => Promise<unknown>;
  sweepEveryMs?: number;
}

export interface DrainReport {
  delivered: number;
  skipped: number;
  retried: number;
  parked: number;
}

/** Full jitter: a uniform delay in [0, min(cap, base · 2^(attempt−1))] (AWS architecture blog, "Exponential Backoff and Jitter"). */
export function backoffDelayMs(attempt: number, random: number, options: { baseDelayMs: number; maxDelayMs: number }): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(OUTBOX_DEFAULTS.minDelayMs, Math.floor(random * ceiling));
}

export class OutboxWorker {
  readonly workerId: string;
  readonly #options: OutboxWorkerOptions;
  readonly #random: () => number;
  #pausedUntil = 0;
  #running: Promise<void> | null = null;
  #stopped = true;
  /** stop() was called: the pass under way claims nothing more. */
  #stopping = false;
  #wake: (() => void) | null = null;
  #draining: Promise<DrainReport> | null = null;
  #nextSweepAt = 0;

  constructor(options: OutboxWorkerOptions) {
    this.#options = options;
    this.#random = options.random ?? Math.random;
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
  }

  /** Polls until stop(). Pending entries live in the database, so a restart loses nothing. */
  start(): void {
    if (this.#running) return;
    this.#stopped = false;
    this.#stopping = false;
    this.#running = (async () => {
      while (!this.#stopped) {
        await this.drainOnce().catch((error: unknown) => this.#options.logger.error({ err: error }, 'CRM outbox pass failed'));
        if (this.#stopped) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#options.pollIntervalMs ?? OUTBOX_DEFAULTS.pollIntervalMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = null;
      }
    })();
  }

  /**
   * Stops: the pass under way claims nothing more and gets `graceMs` to finish its sends. Whatever
   * is still in flight then is given back at once (marked unconfirmed, so the next claimer searches
   * before creating), rather than staying locked for the rest of its lease.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    this.#stopped = true;
    this.#stopping = true;
    this.#wake?.();
    const pass = Promise.all([this.#running, this.#draining]);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.graceMs ?? OUTBOX_DEFAULTS.stopGraceMs);
    });
    const finished = await Promise.race([pass.then(() => 'done' as const), grace]).finally(() => clearTimeout(timer));
    if (finished === 'late') {
      const released = await releaseClaims(this.#options.store.db, { workerId: this.workerId, now: this.#options.now() });
      if (released.length > 0) this.#options.logger.warn({ released: released.length }, 'CRM deliveries still in flight at shutdown were given back to the outbox');
    }
    this.#running = null;
  }

  /** Starts the next pass now (after an enqueue, or a CRM being connected). */
  wake(): void {
    this.#wake?.();
  }

  /** Sends every entry due now; returns what happened. One pass at a time per worker. */
  drainOnce(): Promise<DrainReport> {
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
    });
    return this.#draining;
  }

  async #drain(): Promise<DrainReport> {
    const report: DrainReport = { delivered: 0, skipped: 0, retried: 0, parked: 0 };
    const { store, now } = this.#options;
    await this.#sweepIfDue();
    while (!this.#stopping && now().getTime() >= this.#pausedUntil) {
      // Not connected: entries stay pending, untouched and uncounted, until a CRM is connected.
      const crm = await this.#options.crm.connected();
      if (!crm) break;
      const claimed = await claimDueEntries(store.db, {
        workerId: this.workerId,
        now: now(),
        leaseMs: this.#options.leaseMs ?? OUTBOX_DEFAULTS.leaseMs,
        limit: this.#options.concurrency ?? ZOHO_MAX_CONCURRENT_REQUESTS,
      });
      if (claimed.length === 0) break;
      await Promise.all(claimed.map((entry) => this.#send(crm, entry, report)));
    }
    return report;
  }

  async #sweepIfDue(): Promise<void> {
    const { sweep, now, logger } = this.#options;
    if (!sweep || this.#stopping || now().getTime() < this.#nextSweepAt) return;
    this.#nextSweepAt = now().getTime() + (this.#options.sweepEveryMs ?? OUTBOX_DEFAULTS.sweepEveryMs);
    await sweep().catch((error: unknown) => logger.warn({ err: error }, 'recording sweep failed; the next one tries again'));
  }

  async #send(crm: ConnectedCrm, entry: OutboxEntry, report: DrainReport): Promise<void> {
    const { store, now, logger } = this.#options;
    const log = logger.child({ outboxId: entry.id, callSid: entry.callSid, kind: entry.kind, attempt: entry.attempts });
    try {
      const result = await deliverEntry(
        {
          db: store.db,
          adapter: crm.adapter,
          locale: crm.locale,
          now,
          onOwnerFallback: (_callSid, error) => log.warn({ err: error }, "the rep's CRM user was refused; the call is logged under the connection's user"),
          twilioRecordings: crm.twilioRecordings,
          onRecordingDeleted: (recordingSid, outcome) => log.info({ recordingSid, outcome }, 'recording deleted from Twilio after its upload to the CRM'),
        },
        entry,
      );
      const at = now();
      await completeEntry(store.db, entry, {
        workerId: this.workerId,
        zohoRecordId: result.zohoRecordId,
        now: at,
        ...(result.skipped && entry.kind === 'log-call' ? { after: (trx) => finishUpdatesOfUnloggedCall(trx, entry.callSid, at) } : {}),
      });
      if (result.skipped) {
        report.skipped++;
        log.info({ reason: result.skipped }, skippedMessage(result.skipped));
      } else {
        report.delivered++;
        log.info({ zohoRecordId: result.zohoRecordId }, 'delivered to the CRM');
      }
    } catch (error) {
      await this.#failed(crm, entry, error, report, log).catch((failure: unknown) =>
        // The lease expires and another pass retries it: nothing is lost.
        log.error({ err: failure }, 'could not record a CRM delivery failure'),
      );
    }
  }

  async #failed(crm: ConnectedCrm, entry: OutboxEntry, error: unknown, report: DrainReport, log: Logger): Promise<void> {
    const { store, now } = this.#options;
    const workerId = this.workerId;
    const at = now();
    const reason = describe(error);

    if (error instanceof PermanentError && (error.code === 'crm_not_connected' || CONNECTION_PROBLEMS.has(error.code))) {
      // The connection is gone or broken: keep the entry as it was; the next pass finds no connection
      // (a problem is recorded on it) and waits until the admin connects again.
      if (error.code !== 'crm_not_connected') {
        await saveConnectionDetails(store.db, crm.connection.connectionId, { problem: reason, now: at });
        log.error({ err: error }, 'the CRM connection needs the admin; deliveries are on hold');
      }
      await rescheduleEntry(store.db, entry, { workerId, nextAttemptAt: at, error: reason, countAttempt: false, now: at });
      report.retried++;
      return;
    }
    if (error instanceof PermanentError) {
      await parkEntry(store.db, entry, { workerId, error: reason, now: at });
      report.parked++;
      log.warn({ err: error }, 'CRM delivery parked');
      return;
    }
    if (error instanceof RecheckLaterError) {
      // Not a failure: an earlier send may have landed and the CRM's search is catching up, or the
      // call's last reports from Twilio are still on their way.
      const nextAttemptAt = new Date(at.getTime() + error.recheckInMs);
      await rescheduleEntry(store.db, entry, { workerId, nextAttemptAt, error: reason, countAttempt: false, now: at });
      report.retried++;
      log.info({ reason, recheckInMs: error.recheckInMs }, 'CRM delivery not due yet: looking again shortly');
      return;
    }
    if (error instanceof RetryableError && error.retryAfterMs !== null) {
      // Zoho said how long to wait (429, token mint limit): the whole worker waits, and the attempt is given back.
      this.#pausedUntil = Math.max(this.#pausedUntil, at.getTime() + error.retryAfterMs);
      const nextAttemptAt = new Date(at.getTime() + error.retryAfterMs + Math.floor(this.#random() * 1000));
      await rescheduleEntry(store.db, entry, { workerId, nextAttemptAt, error: reason, countAttempt: false, now: at });
      report.retried++;
      return;
    }
    const maxAttempts = this.#options.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts;
    if (entry.attempts >= maxAttempts) {
      await parkEntry(store.db, entry, { workerId, error: `gave up after ${entry.attempts} attempts: ${reason}`, now: at });
      report.parked++;
      log.warn({ err: error }, 'CRM delivery parked after too many attempts');
      return;
    }
    const delay = backoffDelayMs(entry.attempts, this.#random(), {
      baseDelayMs: this.#options.baseDelayMs ?? OUTBOX_DEFAULTS.baseDelayMs,
      maxDelayMs: this.#options.maxDelayMs ?? OUTBOX_DEFAULTS.maxDelayMs,
    });
    await rescheduleEntry(store.db, entry, {
      workerId,
      nextAttemptAt: new Date(at.getTime() + delay),
      error: reason,
      countAttempt: true,
      now: at,
      // It may have been applied: until the CRM's search shows it (or the window passed), no second create.
      unconfirmed: error instanceof AmbiguousError,
    });
    report.retried++;
    log.info({ err: error, retryInMs: delay }, 'CRM delivery will be retried');
  }
}

/** The log line of an entry not sent: a skip is not always a call left out of the CRM. */
function skippedMessage(reason: string): string {
  if (reason === IN_ANOTHER_ORG) return 'CRM delivery skipped: it belongs to the CRM org connected before, out of reach now';
  return 'call not logged in the CRM';
}

function describe(error: unknown): string {
  if (error instanceof PermanentError || error instanceof RetryableError) return `${error.code}: ${error.message}`.slice(0, 2000);
  return error instanceof Error ? error.message.slice(0, 2000) : String(error);
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  return new OutboxWorker(options);
}
