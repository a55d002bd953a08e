/**
 * Any site the rep enabled (HubSpot, Salesforce, Pipedrive, an in-house CRM): `tel:`/`callto:` links,
 * and phone numbers in page text found with the rep's default country. No record context: we do not
 * know these pages' URLs.
 *
 * Text numbers get their button after the whole text node rather than splitting the node: splitting
 * rewrites nodes that page frameworks (React, Vue) own and later patch by reference.
 */
import { detectPhoneNumbers, toE164 } from '@/calling/phone-numbers';
import { SKIP_SELECTOR, isElement, isSkipped, isText } from './editable';
import { isFaxLabel } from './fax-label';
import type { PageAdapter, PhoneTarget } from './types';

export const GENERIC_SELECTORS = {
  telLink: 'a[href^="tel:" i], a[href^="callto:" i]',
} as const;

/** Cheap pre-filter before running the parser: at least 8 digits (ASCII or full-width). */
const ENOUGH_DIGITS = /(?:[0-9０-９][^0-9０-９]{0,3}){8}/;

function telLinkNumber(link: Element): string {
  const href = link.getAttribute('href') ?? '';
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}

/** How much of the text before a number may be its label (「ＦＡＸ番号：」, "Fax No.: "). */
const LABEL_CHARS = 16;
const HAS_WORD = /[^\s\d:：.．,、/／()（）-]/;

/**
 * The words right before a number found in `text` at `start`: the text since the previous number
 * (`TEL 03-… FAX 03-…`), else, for the first number, its label (`labelOf`). Read only for numbers found.
 */
function wordsBefore(text: Text, from: number, start: number): string {
  const before = text.data.slice(Math.max(from, start - LABEL_CHARS), start);
  return HAS_WORD.test(before) || from > 0 ? before : labelOf(text);
}

/**
 * The label of a value node: a plain element or text right before it (`<b>FAX</b> 03-…`), else the
 * `dt` of its `dd` or the `th` before its cell (`<dt>FAX番号</dt><dd>03-…</dd>`). No layout read.
 */
function labelOf(node: Node): string {
  const previous = node.previousSibling;
  if (previous) {
    const plain = isText(previous) || (isElement(previous) && previous.firstElementChild === null);
    return plain ? (previous.textContent ?? '').slice(-LABEL_CHARS) : '';
  }
  const cell = node.parentElement?.closest('dd, td, th');
  const label = cell?.previousElementSibling;
  return label?.matches('dt, th') ? (label.textContent ?? '').slice(-LABEL_CHARS) : '';
}

function* textCandidates(root: ParentNode | Text): Generator<Text> {
  const start = root as Node;
  if (isText(start)) {
    yield start;
    return;
  }
  const document = start.ownerDocument ?? (start as Document);
  // NodeFilter constants by value: a fake window may not expose NodeFilter.
  const walker = document.createTreeWalker(start, 0x1 | 0x4, {
    acceptNode(node) {
      if (isElement(node)) {
        // Reject skips the element and its whole subtree; links are handled as links.
        return node.matches(SKIP_SELECTOR) || node.matches(GENERIC_SELECTORS.telLink) ? 2 : 3;
      }
      return ENOUGH_DIGITS.test((node as Text).data) ? 1 : 3;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (isText(node)) yield node;
  }
}

export const genericTelAdapter: PageAdapter = {
  id: 'generic-tel',

  matches: () => true,

  *findCandidates(root) {
    const start = root as Node;
    if (start.nodeType !== 9 && isSkipped(start)) return;
    const enclosingLink = isElement(start) ? start.closest(GENERIC_SELECTORS.telLink) : start.parentElement?.closest(GENERIC_SELECTORS.telLink);
    if (enclosingLink) {
      if (!isSkipped(enclosingLink)) yield enclosingLink;
      return;
    }
    if (!isText(root)) {
      for (const link of root.querySelectorAll(GENERIC_SELECTORS.telLink)) if (!isSkipped(link)) yield link;
    }
    yield* textCandidates(root);
  },

  targetsFor(candidate, context): PhoneTarget[] {
    if (isElement(candidate)) {
      const e164 = toE164(telLinkNumber(candidate), context.country);
      if (!e164 || isFaxLabel(labelOf(candidate))) return [];
      return [{ source: candidate, after: candidate, e164, display: candidate.textContent?.trim() || e164, record: null }];
    }
    if (candidate.parentElement === null || isSkipped(candidate)) return [];
    const targets: PhoneTarget[] = [];
    let from = 0;
    for (const found of detectPhoneNumbers(candidate.data, context.country)) {
      if (!isFaxLabel(wordsBefore(candidate, from, found.start))) {
        targets.push({ source: candidate, after: candidate, e164: found.e164, display: found.raw, record: null });
      }
      from = found.end;
    }
    return targets;
  },

  recordContext: () => null,
};
