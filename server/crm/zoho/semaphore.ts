/**
 * Zoho counts concurrent API calls per app + user: Free 5, Standard 10, Professional 15,
 * Enterprise 20, Ultimate 25 (reference §2.4). We stay at the lowest so any edition works,
 * and leave room for the admin using Zoho's own integrations at the same time.
 */
export const ZOHO_MAX_CONCURRENT_REQUESTS = 5;

export class Semaphore {
  readonly #limit: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#active < this.#limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    // Hand the slot straight to the next waiter; `active` stays the same.
    if (next) next();
    else this.#active--;
  }
}
