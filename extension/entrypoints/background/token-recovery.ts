import pRetry from 'p-retry';
import { REGISTER_WAIT_MS } from '@/phone/phone-host';

/** Fresh tokens tried after Twilio refused one, before the rep is told: the first at once, then with back-off. */
export const TOKEN_ATTEMPTS = 3;

/** Twilio refused the token it was just given (its error came within the verdict window). */
export class TokenRefused extends Error {
  constructor(readonly code: number) {
    super(`Twilio refused the token (${code})`);
  }
}

export interface TokenRecoveryDeps {
  /** Fetches a fresh token from our server and gives it to the phone. */
  refresh: () => Promise<void>;
  /** Every token tried was refused (or none could be had): the rep must be told; `error` is the last failure. */
  gaveUp: (error: unknown) => Promise<void>;
  /** How long Twilio has to refuse a token before it counts as taken. */
  verdictMs?: number;
  /** The first back-off; each next one is three times longer (p-retry, randomised ×1–2). */
  backoffMs?: number;
}

/**
 * What happens when Twilio refuses a token (20101 invalid, 20104/31205 expired, 31204, 31207). A fresh one
 * is fetched, and Twilio's answer awaited: the SDK re-sends it at once (pstream `setToken`), so a refusal
 * comes within seconds (device.ts `_onSignalingError`), a 'registered' or silence means it was taken.
 * A few refusals in a row (an API key deleted or revoked, a server signing with the wrong secret) are not
 * mended by more tokens: asking on would hammer our server (and its rate limit) for ever. So: back off,
 * give up after TOKEN_ATTEMPTS, and try one token per heartbeat from then on (`probe`), until one is taken
 * or the rep goes offline and online again.
 */
export function createTokenRecovery({ refresh, gaveUp, verdictMs = REGISTER_WAIT_MS, backoffMs = 2_000 }: TokenRecoveryDeps) {
  let run: AbortController | null = null;
  let givenUp = false;
  /** The attempt waiting for Twilio's word on the token it just sent. */
  let verdict: { taken(): void; refused(code: number): void } | null = null;

  function awaitVerdict(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => settle(resolve), verdictMs);
      const settle = (done: () => void) => {
        clearTimeout(timer);
        verdict = null;
        done();
      };
      verdict = { taken: () => settle(resolve), refused: (code) => settle(() => reject(new TokenRefused(code))) };
    });
  }

  async function attempt() {
    const answer = awaitVerdict();
    // A refresh that fails (server unreachable, rate limited) counts as a failed attempt too, and backs off.
    try {
      await refresh();
    } catch (error) {
      verdict?.taken();
      throw error;
    }
    await answer;
  }

  function start() {
    const controller = new AbortController();
    run = controller;
    void pRetry(attempt, { retries: TOKEN_ATTEMPTS - 1, minTimeout: backoffMs, factor: 3, randomize: true, signal: controller.signal })
      .catch(async (error: unknown) => {
        if (controller.signal.aborted) return;
        givenUp = true;
        await gaveUp(error);
      })
      .finally(() => {
        if (run === controller) run = null;
      });
  }

  return {
    /** Twilio refused a token: fetch another (unless one is being tried, or we gave up until the next heartbeat). */
    refused(code: number) {
      if (verdict) verdict.refused(code);
      else if (!run && !givenUp) start();
    },

    /** The phone registered: Twilio took the token. */
    taken() {
      verdict?.taken();
      givenUp = false;
    },

    /** Whether we gave up on tokens (the rep is told; only `probe` asks for one now). */
    gaveUp: () => givenUp,

    /** After giving up, one heartbeat's try: a single fresh token, no retries. */
    async probe() {
      if (givenUp && !run) await refresh();
    },

    /** The phone goes away, or starts afresh (a toggle): whatever was tried is forgotten. */
    reset() {
      run?.abort();
      run = null;
      verdict?.taken();
      givenUp = false;
    },
  };
}
export type TokenRecovery = ReturnType<typeof createTokenRecovery>;
