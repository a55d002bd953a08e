/**
 * The call button: one plain `<yobidashi-call-button role="button" tabindex="0">` element, no shadow
 * root, no children. On a 2,000-row list the page lays out ~4,000 of them, in its own frames: a closed
 * shadow root per button with a `<button>` and an `<svg>` inside cost about twice the style and layout
 * of the table without buttons (measured: `npm run bench -- --only content`, table "button host").
 *
 * Kept whole without a shadow root:
 * - the page's CSS: every property is set in the element's own style attribute with !important
 *   (`all:initial` first). Element-attached important declarations win over any stylesheet rule of the
 *   page, whatever its specificity or layer; `contain:strict` keeps whatever a page rule could still add
 *   (a ::before) inside the 20 px circle, and makes the button a relayout boundary.
 * - the page's scripts: button-guard.ts puts back any attribute a page script changes on a button and
 *   removes what it puts inside, so a button cannot be relabelled, hidden or made inert; a page
 *   script's `.click()` or synthetic key press is not trusted and never dials.
 * The style is set through CSSOM (`style.cssText`), which a page's `style-src` policy does not block, on
 * one prototype per document that is cloned (a clone copies the parsed style: no CSS parsing per
 * button). The icon is drawn with gradients: an SVG child costs layout and cloning per button, and a
 * `data:` image would be subject to the page's `img-src` policy.
 */
import type { LauncherLanguage } from '@/ui/launcher-strings';
import { buttonGuard } from './button-guard';

export const CALL_BUTTON_TAG = 'yobidashi-call-button';

/** The rep's 表示言語, else the browser's: launcher-strings.ts `launcherLanguage`, as the launcher. */
export type ButtonLanguage = LauncherLanguage;

const LABELS: Record<ButtonLanguage, (display: string) => string> = {
  ja: (display) => `電話をかける：${display}`,
  en: (display) => `Call ${display}`,
};

/** A white handset on the green circle: the band (a quarter ring) and its two ends. */
const HANDSET =
  'radial-gradient(circle at 15px 0,transparent 6.4px,#fff 6.9px 9.5px,transparent 10px) 0 5px/15px 15px no-repeat,' +
  'radial-gradient(closest-side,#fff 80%,transparent) 3.4px 2.6px/5.6px 5.2px no-repeat,' +
  'radial-gradient(closest-side,#fff 80%,transparent) 11.6px 11.2px/5.2px 5.6px no-repeat,' +
  '#0b7a3b';

export const CALL_BUTTON_STYLE = [
  'all:initial',
  'display:inline-block',
  'box-sizing:border-box',
  'width:20px',
  'height:20px',
  'margin:0 0 0 4px',
  'padding:0',
  'vertical-align:middle',
  'border-radius:50%',
  `background:${HANDSET}`,
  'cursor:pointer',
  'contain:strict',
  // Keeps the green circle and white icon in Windows high-contrast themes (it would become Canvas on Canvas).
  'forced-color-adjust:none',
  // `all:initial` would also remove the browser's keyboard focus ring: give it back.
  'outline:revert',
]
  .map((declaration) => `${declaration}!important`)
  .join(';');

/**
 * A button's place kept while its number is parsed: the same box (so the table's layout does not change
 * when it becomes a button), invisible, out of the accessibility tree, not focusable, not clickable.
 */
const RESERVED_STYLE = `${CALL_BUTTON_STYLE};visibility:hidden!important`;

interface Prototypes {
  live: HTMLElement;
  reserved: HTMLElement;
}

/** The two kinds of button, built once per document and cloned for each number. */
const prototypes = new WeakMap<Document, Prototypes>();

function prototypesOf(document: Document): Prototypes {
  let made = prototypes.get(document);
  if (!made) {
    const live = document.createElement(CALL_BUTTON_TAG);
    live.style.cssText = CALL_BUTTON_STYLE;
    live.setAttribute('role', 'button');
    live.setAttribute('tabindex', '0');
    const reserved = document.createElement(CALL_BUTTON_TAG);
    reserved.style.cssText = RESERVED_STYLE;
    reserved.setAttribute('aria-hidden', 'true');
    made = { live, reserved };
    prototypes.set(document, made);
    listenFor(document);
    buttonGuard(document, ownButton, repair);
  }
  return made;
}

export interface CallButtonOptions {
  display: string;
  language: ButtonLanguage;
  /** Only user clicks and key presses may dial (a page script calling .click() must not start a call). */
  trustedClicksOnly: boolean;
  onClick(): void;
}

const buttons = new WeakMap<Element, CallButtonOptions>();
const reservations = new WeakSet<Element>();

/** Puts a button back as it was made: its prototype's attributes, its own label, no children. */
function repair(button: Element): void {
  const made = prototypes.get(button.ownerDocument);
  if (!made) return;
  const options = buttons.get(button);
  const wanted = new Map<string, string>();
  if (options) {
    const label = LABELS[options.language](options.display);
    wanted.set('aria-label', label).set('title', label);
  }
  const prototype = options ? made.live : made.reserved;
  for (const name of prototype.getAttributeNames()) wanted.set(name, prototype.getAttribute(name)!);
  for (const name of button.getAttributeNames()) if (!wanted.has(name)) button.removeAttribute(name);
  for (const [name, value] of wanted) if (button.getAttribute(name) !== value) setAttribute(button as HTMLElement, name, value);
  if (button.firstChild) button.replaceChildren();
}

/** The style through CSSOM: a page's `style-src` policy may refuse a style attribute, never CSSOM. */
function setAttribute(button: HTMLElement, name: string, value: string): void {
  if (name === 'style') button.style.cssText = value;
  else button.setAttribute(name, value);
}

const isOurs = (element: Element | null | undefined): element is Element =>
  element?.localName === CALL_BUTTON_TAG && (buttons.has(element) || reservations.has(element));

/** The call button (or reserved place) `node` is or is inside, if it is one of ours. */
function ownButton(node: EventTarget | Node | null): Element | null {
  const element = node as Element | null;
  if (isOurs(element)) return element;
  const parent = (node as Node | null)?.parentElement;
  return isOurs(parent) ? parent : null;
}

function activate(event: Event, button: Element): void {
  event.preventDefault();
  event.stopPropagation();
  const options = buttons.get(button);
  if (!options || (options.trustedClicksOnly && !event.isTrusted)) return;
  options.onClick();
}

// One set of listeners per page, in the capture phase at the window, not five per button (thousands on
// a list view): events on our buttons stop there, so the CRM's row handlers (a click or mousedown on a
// list row opens the record) never see them. role="button" promises what a <button> does: Enter
// activates on key down, Space on key up.
function onEvent(event: Event): void {
  const button = ownButton(event.target);
  if (!button) return;
  switch (event.type) {
    case 'click':
      activate(event, button);
      return;
    case 'keydown':
      if ((event as KeyboardEvent).key === 'Enter') return activate(event, button);
      if ((event as KeyboardEvent).key === ' ') event.preventDefault(); // no page scroll
      event.stopPropagation();
      return;
    case 'keyup':
      if ((event as KeyboardEvent).key === ' ') return activate(event, button);
      event.stopPropagation();
      return;
    default:
      event.stopPropagation();
  }
}

const EVENTS = ['click', 'dblclick', 'auxclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup'];

function listenFor(document: Document): void {
  const view = document.defaultView;
  for (const type of EVENTS) (view ?? document).addEventListener(type, onEvent, { capture: true });
}

export function createCallButton(document: Document, options: CallButtonOptions): HTMLElement {
  const button = prototypesOf(document).live.cloneNode() as HTMLElement;
  label(button, options);
  return button;
}

function label(button: HTMLElement, options: CallButtonOptions): void {
  const text = LABELS[options.language](options.display);
  button.setAttribute('aria-label', text);
  button.setAttribute('title', text);
  buttons.set(button, options);
}

/** An invisible, inert button-sized element: the place of a button whose number is not parsed yet. */
export function reserveCallButton(document: Document): HTMLElement {
  const button = prototypesOf(document).reserved.cloneNode() as HTMLElement;
  reservations.add(button);
  return button;
}

/**
 * Makes a reserved place the button for a number. Only attributes and its visibility change, inside a
 * box whose size is fixed: the page is repainted there, not laid out again.
 */
export function activateCallButton(button: HTMLElement, options: CallButtonOptions): void {
  const live = prototypes.get(button.ownerDocument)?.live;
  if (!live || !reservations.delete(button)) return;
  button.removeAttribute('aria-hidden');
  // Not a new style text: parsing the icon's gradients again cost ~0.5 ms a button. Without its
  // visibility the reserved style is the live one, serialised the same (the guard compares them).
  button.style.removeProperty('visibility');
  button.setAttribute('role', live.getAttribute('role')!);
  button.setAttribute('tabindex', live.getAttribute('tabindex')!);
  label(button, options);
  // These changes are ours: the guard need not look at them.
  buttonGuard(button.ownerDocument, ownButton, repair).forget();
}

/** Puts back a button whose children the page changed (the injector's observer sees those). */
export function repairCallButton(node: Node): boolean {
  const button = ownButton(node);
  if (button) repair(button);
  return button !== null;
}

/** Stops guarding and listening for the buttons of `document` (they have been removed). */
export function releaseCallButtons(document: Document): void {
  if (!prototypes.has(document)) return;
  buttonGuard(document, ownButton, repair).release();
  const view = document.defaultView;
  if (prototypes.delete(document)) for (const type of EVENTS) (view ?? document).removeEventListener(type, onEvent, { capture: true });
}
