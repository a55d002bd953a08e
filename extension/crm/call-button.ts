/**
 * The call button: a `<yobidashi-call-button>` host with a closed shadow root, so the CRM's CSS cannot
 * reach it and ours cannot leak. Not a registered custom element: `customElements` is null in Chrome's
 * isolated-world content scripts, and attachShadow works on any valid custom-element name.
 */
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

// Inline and !important on the host: page rules such as `span, * { display:block }` must not win.
// inline-flex + vertical-align keeps the button in the text line; the parent's display is untouched.
const HOST_STYLE =
  'all:initial!important;display:inline-flex!important;vertical-align:middle!important;' +
  'margin:0 0 0 4px!important;padding:0!important;line-height:0!important;width:auto!important;';

const SHADOW_CSS = `
button{all:initial;box-sizing:border-box;display:inline-flex;align-items:center;justify-content:center;
width:20px;height:20px;border-radius:50%;background:#0b7a3b;color:#fff;cursor:pointer;
transition:background .1s}
button:hover{background:#096030}
button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}
svg{width:12px;height:12px;fill:currentColor;pointer-events:none}
@media (forced-colors:active){button{border:1px solid ButtonText;background:ButtonFace;color:ButtonText}}`;

const PHONE_ICON_PATH =
  'M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z';

const shadows = new WeakMap<Element, ShadowRoot>();

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
  host.setAttribute('style', HOST_STYLE);
  const shadow = host.attachShadow({ mode: 'closed' });
  shadows.set(host, shadow);

  const style = document.createElement('style');
  style.textContent = SHADOW_CSS;
  const button = document.createElement('button');
  button.type = 'button';
  const label = LABELS[options.language](options.display);
  button.setAttribute('aria-label', label);
  button.title = label;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', PHONE_ICON_PATH);
  svg.append(path);
  button.append(svg);
  shadow.append(style, button);

  // CRM list rows open the record on click/mousedown: our button must not do that too.
  const stop = (event: Event) => event.stopPropagation();
  button.addEventListener('mousedown', stop);
  button.addEventListener('pointerdown', stop);
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (options.trustedClicksOnly && !event.isTrusted) return;
    options.onClick();
  });
  return host;
}
