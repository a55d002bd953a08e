/**
 * Zoho swaps records in place (history.pushState): a URL change without reload. Content scripts cannot
 * hook the page's pushState, so besides popstate and hashchange the URL is also polled.
 */

type LocationWindow = Pick<Window, 'location' | 'addEventListener' | 'removeEventListener' | 'setInterval' | 'clearInterval'>;

/** Starts a repeating timer and returns its id (cleared with the window's clearInterval). */
export type IntervalTimer = (handler: () => void, ms: number) => number;

export interface NavigationWatchOptions {
  /** How often the URL is polled; 0 = off. */
  pollMs: number;
  /**
   * The poll's timer; the window's by default. The content script passes WXT's `ctx.setInterval`: it
   * stops with the extension's context, and its every tick notices when that context has ended (the
   * extension was updated or reloaded under the open tab), which ends the injector and its buttons.
   */
  setInterval?: IntervalTimer;
  /** The URL changed since the last look (on an event, a poll or a `check()`). */
  onNavigate(href: string): void;
  /** After `onNavigate` from an event or a poll (not from `check()`). */
  onChangeNoticed(): void;
}

export function watchNavigation(window: LocationWindow, options: NavigationWatchOptions) {
  let lastHref = window.location.href;

  function check(): boolean {
    const href = window.location.href;
    if (href === lastHref) return false;
    lastHref = href;
    options.onNavigate(href);
    return true;
  }

  const onLocationEvent = () => {
    if (check()) options.onChangeNoticed();
  };
  window.addEventListener('popstate', onLocationEvent);
  window.addEventListener('hashchange', onLocationEvent);
  const every = options.setInterval ?? ((handler: () => void, ms: number) => window.setInterval(handler, ms));
  const poll = options.pollMs > 0 ? every(onLocationEvent, options.pollMs) : undefined;

  return {
    /** Looks at the URL now; true when it changed. */
    check,
    stop(): void {
      window.removeEventListener('popstate', onLocationEvent);
      window.removeEventListener('hashchange', onLocationEvent);
      if (poll !== undefined) window.clearInterval(poll);
    },
  };
}
