/**
 * For the benchmark (bench/, real Chromium): one full synchronous pass over a document with the
 * injector the content script uses, returning what it found and did; and the call button itself, to
 * weigh its style and layout against other kinds of button.
 */
import type { CountryCode } from '@/calling/phone-numbers';
import { startInjector, type PageWindow, type ScanCounts } from './inject';
import { adapterFor } from './registry';

export { createCallButton } from './call-button';

export interface DocumentScan extends ScanCounts {
  adapter: string | null;
  buttons: number;
}

export interface ScanOptions {
  country?: CountryCode;
  /** Use the generic adapter when no CRM adapter matches (defaults to true for benchmarks). */
  genericEnabled?: boolean;
  /** Keep the buttons and the observer running (to time a later SPA update); stop it yourself. */
  keep?: boolean;
}

export function scanDocument(window: PageWindow, options: ScanOptions = {}): DocumentScan & { stop(): void } {
  const adapter = adapterFor(new URL(window.location.href), { genericEnabled: options.genericEnabled ?? true });
  if (!adapter) return { adapter: null, buttons: 0, candidates: 0, targets: 0, added: 0, removed: 0, stop() {} };
  const injector = startInjector({
    window,
    adapter,
    country: options.country,
    onDial: () => {},
    navigationPollMs: 0,
    scanOnStart: false,
    // Nothing runs later on its own: the caller times scanNow, and mutations flush when it asks.
    schedule: (task) => window.setTimeout(task, 0),
  });
  const counts = injector.scanNow();
  const result = { adapter: adapter.id, buttons: injector.buttonCount, ...counts, stop: () => injector.stop() };
  if (!options.keep) injector.stop();
  return result;
}
