import { CALL_BUTTON_TAG } from './call-button';

/** Where a rep types: never put buttons there, nor scan numbers they are typing. */
export const EDITABLE_SELECTOR =
  'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="combobox"]';

/** Content that is not page text a rep reads. */
const NOT_READABLE_SELECTOR = `script, style, noscript, template, svg, ${CALL_BUTTON_TAG}`;

export const SKIP_SELECTOR = `${EDITABLE_SELECTOR}, ${NOT_READABLE_SELECTOR}`;

// nodeType checks, not instanceof: fixtures may come from another window (happy-dom, iframes).
export const isElement = (node: unknown): node is Element => (node as Node | null)?.nodeType === 1;
export const isText = (node: unknown): node is Text => (node as Node | null)?.nodeType === 3;

export function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** True when `node` is, or sits inside, an editable field, an editor or non-readable content. */
export function isSkipped(node: Node): boolean {
  const element = elementOf(node);
  return element === null || element.closest(SKIP_SELECTOR) !== null;
}
