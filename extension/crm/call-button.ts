/**
 * The call button: a `<yobidashi-call-button>` host with a closed shadow root, so the CRM's CSS cannot
 * reach it and ours cannot leak. Not a registered custom element: `customElements` is null in Chrome's
 * isolated-world content scripts, and attachShadow works on any valid custom-element name.
 * Styles: call-button-styles.ts (one sheet shared by every button).
 */
import { adoptCallButtonStyles } from './call-button-styles';

export const CALL_BUTTON_TAG = 'yobidashi-call-button';

export type ButtonLanguage = 'ja' | 'en';

const LABELS: Record<ButtonLanguage, (display: string) => string> = {
  ja: (display) => `電話をかける: ${display}`,
  en: (display) => `Call ${display}`,
};

/** The page's language, else the browser's: Japanese pages get Japanese buttons. */
export function buttonLanguage(document: Document): ButtonLanguage {
  const lang = document.documentElement.lang || document.defaultView?.navigator.language || '';
  return lang.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const PHONE_ICON_PATH =
  'M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z';

/** The button with its icon, built once per document and cloned for each host (cheaper than building). */
const prototypes = new WeakMap<Document, HTMLButtonElement>();

function buttonPrototype(document: Document): HTMLButtonElement {
  let button = prototypes.get(document);
  if (!button) {
    button = document.createElement('button');
    button.type = 'button';
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', PHONE_ICON_PATH);
    svg.append(path);
    button.append(svg);
    prototypes.set(document, button);
  }
  return button;
}

const shadows = new WeakMap<Element, ShadowRoot>();
const clickOptions = new WeakMap<EventTarget, CallButtonOptions>();

// One set of listeners for every button (thousands on a list view), not three closures each.
// CRM list rows open the record on click/mousedown: our button must not do that too.
const stopPropagation = (event: Event) => event.stopPropagation();
function onButtonClick(event: Event): void {
  event.preventDefault();
  event.stopPropagation();
  const options = event.currentTarget && clickOptions.get(event.currentTarget);
  if (!options || (options.trustedClicksOnly && !event.isTrusted)) return;
  options.onClick();
}

/** The closed shadow root of one of our buttons (tests and the benchmark look inside). */
export function callButtonShadow(host: Element): ShadowRoot | undefined {
  return shadows.get(host);
}

export interface CallButtonOptions {
  display: string;
  language: ButtonLanguage;
  /** Only user clicks may dial (a page script calling .click() must not start a call). */
  trustedClicksOnly: boolean;
  onClick(): void;
}

export function createCallButton(document: Document, options: CallButtonOptions): HTMLElement {
  const host = document.createElement(CALL_BUTTON_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  shadows.set(host, shadow);
  adoptCallButtonStyles(document, shadow);

  const button = buttonPrototype(document).cloneNode(true) as HTMLButtonElement;
  const label = LABELS[options.language](options.display);
  button.setAttribute('aria-label', label);
  button.title = label;
  shadow.append(button);

  clickOptions.set(button, options);
  button.addEventListener('mousedown', stopPropagation);
  button.addEventListener('pointerdown', stopPropagation);
  button.addEventListener('click', onButtonClick);
  return host;
}
