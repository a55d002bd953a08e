/**
 * The call button's CSS, parsed once per document and shared by every button's shadow root through
 * `adoptedStyleSheets`: thousands of buttons then cost one rule set, not one `<style>` each (a list view
 * of 2,000 rows has ~4,000 buttons). Where constructable sheets cannot be adopted (happy-dom; Firefox
 * content scripts, whose sheets live in another compartment) each root gets a `<style>` instead.
 */

// The host is styled from inside with `:host … !important`: for important declarations the shadow
// tree's win over the page's, so rules such as `span, * { display:block !important }` cannot reach it,
// and no host carries an inline style to parse. A fixed-size inline-block with size/layout/style
// containment is one box to the page's layout (its inside is never measured); no paint containment,
// which would clip the focus ring drawn outside the button.
export const CALL_BUTTON_CSS = `
:host{all:initial!important;display:inline-block!important;box-sizing:border-box!important;
width:20px!important;height:20px!important;margin:0 0 0 4px!important;padding:0!important;
vertical-align:middle!important;contain:size layout style!important}
button{all:initial;box-sizing:border-box;display:flex;align-items:center;justify-content:center;
width:20px;height:20px;border-radius:50%;background:#0b7a3b;color:#fff;cursor:pointer;transition:background .1s}
button:hover{background:#096030}
button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}
svg{width:12px;height:12px;fill:currentColor;pointer-events:none}
@media (forced-colors:active){button{border:1px solid ButtonText;background:ButtonFace;color:ButtonText}}`;

type SheetWindow = Window & typeof globalThis;

/** One sheet per document (a constructed sheet can only be adopted in the document that made it). */
const sheets = new WeakMap<Document, CSSStyleSheet | null>();

function sharedSheet(document: Document): CSSStyleSheet | null {
  if (sheets.has(document)) return sheets.get(document) ?? null;
  let sheet: CSSStyleSheet | null = null;
  const view = document.defaultView as SheetWindow | null;
  try {
    if (view && typeof view.CSSStyleSheet === 'function' && 'adoptedStyleSheets' in view.ShadowRoot.prototype) {
      sheet = new view.CSSStyleSheet();
      sheet.replaceSync(CALL_BUTTON_CSS);
    }
  } catch {
    sheet = null;
  }
  sheets.set(document, sheet);
  return sheet;
}

/** Gives `shadow` the button's styles: the document's shared sheet, else a `<style>` of its own. */
export function adoptCallButtonStyles(document: Document, shadow: ShadowRoot): void {
  const sheet = sharedSheet(document);
  if (sheet) {
    try {
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox's Xray wrappers may refuse a content-script array: fall back to a <style> from now on.
      sheets.set(document, null);
    }
  }
  const style = document.createElement('style');
  style.textContent = CALL_BUTTON_CSS;
  shadow.prepend(style);
}

/** The CSS a button's shadow root applies, wherever it comes from (tests look at it). */
export function cssOf(shadow: ShadowRoot): string {
  const adopted = [...(shadow.adoptedStyleSheets ?? [])].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
  const inline = [...shadow.querySelectorAll('style')].map((style) => style.textContent ?? '');
  return [...adopted, ...inline].join('\n');
}
