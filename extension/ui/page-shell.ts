import { clampOffset, DEFAULT_LAUNCHER_OFFSET, offsetForKey, type LauncherOffset } from '@/models/launcher-position';
import { launcherStrings, type LauncherLanguage } from './launcher-strings';

/** Where the launcher sits on this site, or that the rep hid it here (storage.local `launcherPositions`). */
export interface LauncherPlace extends LauncherOffset {
  hidden: boolean;
}

export const PAGE_UI_TAG = 'yobidashi-page-ui';

const HOST_BOX =
  'all:initial!important;position:fixed!important;inset:0 auto auto 0!important;width:0!important;height:0!important;' +
  'z-index:2147483647!important;display:block!important;';

// Inline, for the moment before our stylesheet applies; then `:host` with !important, which beats
// every rule of the page (an !important from inside a shadow tree wins over the outer document's,
// inline styles included): the page cannot fade, hide, shift or shrink our host. What it can still
// do (paint over it, fade an ancestor) the Accept button checks for itself (sight-check.ts).
const HOST_RULES =
  `:host{${HOST_BOX}opacity:1!important;visibility:visible!important;transform:none!important;filter:none!important;` +
  'clip-path:none!important;mask:none!important;mix-blend-mode:normal!important;pointer-events:auto!important;}\n';

/** Events a page script could fake to work our card (`button.click()`, a dispatched input event). */
const GUARDED_EVENTS = ['click', 'dblclick', 'input', 'change', 'keydown', 'keyup', 'pointerdown', 'pointerup', 'submit'];

export interface PageShellOptions {
  document: Document;
  /** The launcher's own stylesheet (the page UI adds the full one when it loads). */
  css: string;
  language: LauncherLanguage;
  /** The launcher's saved place on this site; null: the default corner. */
  launcher: LauncherPlace | null;
  saveLauncher(place: LauncherPlace): void;
  /** The rep opened the dialer panel. */
  onOpen(): void;
  /** Only the rep's own input may answer, hang up or dial: a page script's synthetic events are dropped. */
  trustedEventsOnly?: boolean;
}

export interface PageShell {
  /** Closed: the page sees only the host element; this handle is the content script's alone. */
  shadowRoot: ShadowRoot;
  /** Where the incoming / in-call card goes. */
  card: HTMLElement;
  /** The launcher's panel, where the dialer goes (shown while the launcher is open). */
  panel: HTMLElement;
  unmount(): void;
}

/**
 * What every CRM page gets of the phone, without Preact: one closed shadow root at the end of the page with a
 * slot for the call card and the small floating launcher (movable by its grip or the arrow keys, place
 * remembered per site, hideable per site). The dialer and the cards render into the slots once the page
 * UI is loaded. Re-mounting (a content script injected again after an update) replaces the old one.
 */
export function mountPageShell(options: PageShellOptions): PageShell {
  const { document } = options;
  const text = (key: keyof typeof launcherStrings) => launcherStrings[key][options.language];
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, attributes: Record<string, string> = {}) => {
    const node = document.createElement(tag);
    node.className = className;
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  };

  for (const stale of document.querySelectorAll(PAGE_UI_TAG)) stale.remove();
  const host = document.createElement(PAGE_UI_TAG);
  host.setAttribute('style', HOST_BOX);
  // Closed: no page script can read the caller on the card, relabel its buttons or restyle it.
  const shadowRoot = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = HOST_RULES + options.css;
  const root = element('div', 'yb-root');
  const card = element('div', 'yb-page-card-slot');
  const panel = element('div', 'yb-launcher__panel', { role: 'dialog', 'aria-label': text('dialer.title') });
  panel.hidden = true;
  root.append(card);
  shadowRoot.append(style, root);

  const iconButton = (className: string, label: string, icon: string) => {
    const node = element('button', className, { type: 'button', 'aria-label': label, title: label });
    node.textContent = icon;
    return node;
  };
  const grip = iconButton('yb-launcher__grip', text('launcher.move'), '⠿');
  const open = element('button', 'yb-launcher__open', { type: 'button' });
  const hide = iconButton('yb-icon-button', text('launcher.hide'), '✕');
  const handle = element('div', 'yb-launcher__handle');
  handle.append(grip, open, hide);
  const launcher = element('div', 'yb-launcher');
  launcher.append(panel, handle);

  let place: LauncherPlace = options.launcher ?? { ...DEFAULT_LAUNCHER_OFFSET, hidden: false };
  const view = document.defaultView ?? window;
  const show = (offset: LauncherOffset) => {
    launcher.style.right = `${offset.right}px`;
    launcher.style.bottom = `${offset.bottom}px`;
  };
  const clamp = (offset: LauncherOffset) =>
    clampOffset(offset, { width: view.innerWidth, height: view.innerHeight }, { width: launcher.offsetWidth, height: launcher.offsetHeight });
  const save = (next: LauncherPlace) => {
    place = next;
    options.saveLauncher(next);
  };
  const moveTo = (offset: LauncherOffset, remember: boolean) => {
    const clamped = clamp(offset);
    show(clamped);
    if (remember) save({ ...clamped, hidden: false });
    else place = { ...clamped, hidden: false };
  };

  let isOpen = false;
  const setOpen = (next: boolean) => {
    isOpen = next;
    panel.hidden = !next;
    open.setAttribute('aria-expanded', String(next));
    open.textContent = next ? text('launcher.close') : `☎ ${text('launcher.open')}`;
    if (next) options.onOpen();
  };
  setOpen(false);
  show(place);

  open.addEventListener('click', () => setOpen(!isOpen));
  hide.addEventListener('click', () => {
    save({ right: place.right, bottom: place.bottom, hidden: true });
    launcher.remove();
  });
  grip.addEventListener('keydown', (event) => {
    const next = offsetForKey(place, event.key, event.shiftKey);
    if (!next) return;
    event.preventDefault();
    moveTo(next, true);
  });
  let drag: { x: number; y: number; start: LauncherOffset } | null = null;
  const dragged = (event: PointerEvent, start: LauncherOffset) => ({
    right: start.right - (event.clientX - (drag?.x ?? event.clientX)),
    bottom: start.bottom - (event.clientY - (drag?.y ?? event.clientY)),
  });
  grip.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, start: { right: place.right, bottom: place.bottom } };
    grip.setPointerCapture?.(event.pointerId);
  });
  grip.addEventListener('pointermove', (event) => {
    if (drag) moveTo(dragged(event, drag.start), false);
  });
  grip.addEventListener('pointerup', (event) => {
    if (drag) moveTo(dragged(event, drag.start), true);
    drag = null;
  });
  const onResize = () => {
    place = { ...clamp(place), hidden: place.hidden };
    show(place);
  };
  view.addEventListener('resize', onResize);

  if (!place.hidden) root.append(launcher);
  if (options.trustedEventsOnly ?? true) {
    // Capturing on the shadow root runs before any of our buttons' own listeners.
    const drop = (event: Event) => {
      if (!event.isTrusted) event.stopImmediatePropagation();
    };
    for (const type of GUARDED_EVENTS) shadowRoot.addEventListener(type, drop, true);
  }
  document.documentElement.append(host);

  return {
    shadowRoot,
    card,
    panel,
    unmount() {
      view.removeEventListener('resize', onResize);
      host.remove();
    },
  };
}
