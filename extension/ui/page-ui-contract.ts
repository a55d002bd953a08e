import type { BackgroundLink } from '@/models/messaging-phone-client';

/**
 * The hand-off between the content script that runs on every CRM page (call buttons and the small
 * launcher) and the page UI bundle (Preact: the dialer panel, the incoming and in-call cards) that the
 * background injects on demand (`content-scripts/crm-ui.js`). Both run in the extension's isolated
 * world of the same page, which the page's own scripts cannot see, so a global is a private channel.
 * Types only and two small functions: this file is bundled into both scripts.
 */
export interface PageUiHost {
  /** The launcher's shadow root: the page UI adds its stylesheet here. */
  shadowRoot: ShadowRoot;
  /** Where the incoming / in-call card renders. */
  card: HTMLElement;
  /** The launcher's panel, where the dialer renders. */
  panel: HTMLElement;
  link: BackgroundLink;
  country: string;
  /** The options page's language choice; null: the browser's language. */
  language: 'ja' | 'en' | null;
  /** Accept answers only a card the rep can really see (sight-check.ts); off in tests without layout. */
  guardSight: boolean;
}

export type MountPageUi = (host: PageUiHost) => { unmount(): void };

const RECEIVER = '__yobidashiReceivePageUi';
type Receiver = (mount: MountPageUi) => void;
type WithReceiver = typeof globalThis & { [RECEIVER]?: Receiver };

/** The launcher side: resolves with the page UI's mount function once its script has run. */
export function expectPageUi(scope: typeof globalThis = globalThis): Promise<MountPageUi> {
  return new Promise((resolve) => {
    (scope as WithReceiver)[RECEIVER] = (mount) => {
      delete (scope as WithReceiver)[RECEIVER];
      resolve(mount);
    };
  });
}

/** The page UI side: hands its mount function over; false when nobody asked for it (or it came twice). */
export function offerPageUi(mount: MountPageUi, scope: typeof globalThis = globalThis): boolean {
  const receive = (scope as WithReceiver)[RECEIVER];
  if (!receive) return false;
  receive(mount);
  return true;
}
