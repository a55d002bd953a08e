import { signal } from '@preact/signals';
import type { CountryCode } from 'libphonenumber-js/core';
import { createDialerModel } from '@/models/dialer-model';
import type { LauncherOffset } from '@/models/launcher-position';
import { createMessagingPhoneClient, type BackgroundLink } from '@/models/messaging-phone-client';
import { createPhoneModel, type Clock } from '@/models/phone-model';
import { FloatingLauncher } from './floating-launcher';
import { mountInShadowRoot } from './mount-in-shadow-root';
import { PageCallCard } from './page-call-card';
import { PageDialer } from './page-dialer';

/** Where the launcher sits on this site, or that the rep hid it here (storage.local `launcherPositions`). */
export interface LauncherPlace extends LauncherOffset {
  hidden: boolean;
}

export interface PageUiOptions {
  document: Document;
  link: BackgroundLink;
  country: CountryCode;
  /** The launcher's saved place on this site; null: the default corner. */
  launcher: LauncherPlace | null;
  saveLauncher(place: LauncherPlace): void;
  clock?: Clock;
  /** Only the rep's own input may answer, hang up or dial: a page script's synthetic events are dropped. */
  trustedEventsOnly?: boolean;
}

/** Events a page script could fake to work our card (`button.click()`, a dispatched input event). */
const GUARDED_EVENTS = ['click', 'dblclick', 'input', 'change', 'keydown', 'keyup', 'pointerdown', 'pointerup', 'submit'];

export const PAGE_UI_TAG = 'yobidashi-page-ui';

// Inline and !important: the page's own rules (`div, * { … }`) must not move or hide our host.
const HOST_STYLE =
  'all:initial!important;position:fixed!important;inset:0 auto auto 0!important;width:0!important;height:0!important;' +
  'z-index:2147483000!important;display:block!important;';

/**
 * What a CRM page shows of the phone, in one shadow root at the end of the page: the incoming / in-call
 * card while there is a call, and the floating launcher with the compact dialer (unless hidden on this
 * site). Re-mounting (a content script injected again after an update) replaces the old one.
 */
export function mountPageUi(css: string, options: PageUiOptions): { unmount(): void } {
  const { document } = options;
  for (const stale of document.querySelectorAll(PAGE_UI_TAG)) stale.remove();
  const host = document.createElement(PAGE_UI_TAG);
  host.setAttribute('style', HOST_STYLE);
  document.documentElement.append(host);

  const client = createMessagingPhoneClient(options.link, () => options.country);
  const phone = createPhoneModel(client, options.clock);
  const dialer = createDialerModel(() => options.country);
  const place = signal<LauncherPlace | null>(options.launcher);
  const save = (next: LauncherPlace) => {
    place.value = next;
    options.saveLauncher(next);
  };

  const PageUi = () => (
    <>
      <PageCallCard phone={phone} country={options.country} />
      {!place.value?.hidden && (
        <FloatingLauncher
          offset={place.value}
          onMove={(offset) => save({ ...offset, hidden: false })}
          onHide={() => save({ ...(place.peek() ?? { right: 24, bottom: 24 }), hidden: true })}
        >
          <PageDialer phone={phone} dialer={dialer} />
        </FloatingLauncher>
      )}
    </>
  );
  const mount = mountInShadowRoot(host, <PageUi />, css);
  if (options.trustedEventsOnly ?? true) {
    // Capturing on the shadow root runs before any of our buttons' own listeners.
    const drop = (event: Event) => {
      if (!event.isTrusted) event.stopImmediatePropagation();
    };
    for (const type of GUARDED_EVENTS) mount.shadowRoot.addEventListener(type, drop, true);
  }
  return {
    unmount() {
      mount.unmount();
      phone.dispose();
      host.remove();
    },
  };
}
