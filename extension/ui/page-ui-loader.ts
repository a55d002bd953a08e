import type { PublicState } from '@/messaging/public-state';
import type { BackgroundLink } from '@/models/messaging-phone-client';
import { launcherLanguage, launcherLoadFailed, type LauncherLanguage } from './launcher-strings';
import { mountPageShell, type LauncherPlace } from './page-shell';
import { expectPageUi, type PageUiHost } from './page-ui-contract';

/**
 * A call the page shows a card for: ringing in (or waiting), being dialled, ringing out, talking; or one
 * that did not start (a click on a call button while offline says why, here).
 */
export function needsPageUi(state: PublicState): boolean {
  const kind = state.calls.current.kind;
  const busy = kind === 'incoming' || kind === 'dialing' || kind === 'ringing-out' || kind === 'in-call';
  return state.calls.waiting !== null || busy || Boolean(state.callProblem);
}

/** How long the page UI's script may take to hand itself over after the background injected it. */
const ARRIVAL_TIMEOUT_MS = 10_000;

/**
 * Loads the page UI once: asks the background to inject its script (`loadPageUi`), waits for it to hand
 * over its mount function (page-ui-contract.ts) and mounts it into the launcher's slots. Concurrent and
 * later calls share that one load; a failed load may be tried again.
 */
export function createPageUiLoader(options: {
  host: PageUiHost;
  requestLoad: () => Promise<unknown>;
  scope?: typeof globalThis;
  arrivalTimeoutMs?: number;
}) {
  let loading: Promise<void> | null = null;
  let mounted: { unmount(): void } | null = null;
  let disposed = false;

  async function load() {
    const arrival = expectPageUi(options.scope);
    await options.requestLoad();
    // The background answers once the script has run, and the script hands over at once: a missing
    // hand-over means something else went wrong (an old copy of the extension still on the page).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the page UI did not start')), options.arrivalTimeoutMs ?? ARRIVAL_TIMEOUT_MS);
    });
    const mount = await Promise.race([arrival, late]).finally(() => clearTimeout(timer));
    if (!disposed) mounted = mount(options.host);
  }

  return {
    load(): Promise<void> {
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    get loaded() {
      return mounted !== null;
    },
    unmount() {
      disposed = true;
      mounted?.unmount();
      mounted = null;
    },
  };
}

export interface PagePhoneOptions {
  document: Document;
  link: BackgroundLink;
  country: string;
  language: LauncherLanguage | null;
  /** The launcher's own stylesheet (launcher.css). */
  css: string;
  launcher: LauncherPlace | null;
  saveLauncher(place: LauncherPlace): void;
  /** Asks the background to inject the page UI (`{ type: 'loadPageUi' }`). */
  requestLoad: () => Promise<unknown>;
  trustedEventsOnly?: boolean;
  /** Accept only a card the rep can see (default); tests without a layout engine turn it off. */
  guardSight?: boolean;
  scope?: typeof globalThis;
}

/**
 * The phone on a CRM page, as light as it can be until it is needed: the launcher (no Preact), and the
 * state the background pushes to this tab. The page UI (dialer panel, incoming and in-call cards) is
 * loaded when the rep opens the launcher or when a call needs a card on this page.
 */
export function startPagePhone(options: PagePhoneOptions) {
  const language = launcherLanguage(options.language, options.document.defaultView?.navigator.language);
  const shell = mountPageShell({
    document: options.document,
    css: options.css,
    language,
    launcher: options.launcher,
    saveLauncher: options.saveLauncher,
    trustedEventsOnly: options.trustedEventsOnly,
    onOpen: () => openDialer(),
  });
  const loader = createPageUiLoader({
    host: {
      shadowRoot: shell.shadowRoot,
      card: shell.card,
      panel: shell.panel,
      link: options.link,
      country: options.country,
      language: options.language,
      guardSight: options.guardSight ?? true,
    },
    requestLoad: options.requestLoad,
    scope: options.scope,
  });

  function openDialer() {
    if (loader.loaded) return;
    shell.panel.replaceChildren();
    loader.load().catch((error: unknown) => {
      console.warn('[yobidashi] page UI', error);
      const message = options.document.createElement('p');
      message.className = 'yb-launcher__error';
      message.setAttribute('role', 'alert');
      message.textContent = launcherLoadFailed[language];
      shell.panel.replaceChildren(message);
    });
  }

  const onState = (state: PublicState) => {
    if (!loader.loaded && needsPageUi(state)) loader.load().catch((error: unknown) => console.warn('[yobidashi] page UI', error));
  };
  const stop = options.link.onStateChanged(onState);
  // Asking for the state also subscribes this tab to the background's pushes (incoming calls).
  const refresh = () => void options.link.send({ type: 'getState' }).then(onState, () => undefined);
  refresh();

  return {
    loader,
    shell,
    /** A restarted service worker forgets which tabs to tell: asking again re-subscribes. */
    refresh,
    unmount() {
      stop();
      loader.unmount();
      shell.unmount();
    },
  };
}
