/**
 * Keeps call buttons as we made them. They are plain elements in the page's DOM (call-button.ts says
 * why), so a page script could relabel one (`aria-label`), hide it (`style`, `hidden`, `inert`,
 * `popover`) or make it editable. One MutationObserver per document watches those attributes on every
 * element (a filter, not one registration per button) and has our buttons put back in the microtask
 * after the change, before the page renders it. Children a page script puts inside a button reach the
 * injector's own observer, which asks for the same repair.
 */

const GUARDED_ATTRIBUTES = [
  'style',
  'hidden',
  'inert',
  'popover',
  'role',
  'tabindex',
  'title',
  'aria-label',
  'aria-labelledby',
  'aria-describedby',
  'aria-hidden',
  'aria-disabled',
  'contenteditable',
  'draggable',
];

export interface ButtonGuard {
  /** Drops the changes made since the last look (the caller made them, to our buttons). */
  forget(): void;
  /** Stops watching. */
  release(): void;
}

const guards = new WeakMap<Document, ButtonGuard>();

/**
 * Starts (once per document) repairing buttons: `own` says which element, if any, a changed node is
 * ours; `repair` puts it back.
 */
export function buttonGuard(document: Document, own: (node: Node) => Element | null, repair: (button: Element) => void): ButtonGuard {
  const existing = guards.get(document);
  if (existing) return existing;
  const Observer = document.defaultView?.MutationObserver;
  const observer: MutationObserver | null = Observer
    ? new Observer((records) => {
        for (const record of records) {
          const button = own(record.target);
          if (button) repair(button);
        }
        // The repairs queued records of their own: drop them, or each repair would be repaired again.
        observer?.takeRecords();
      })
    : null;
  observer?.observe(document, { attributes: true, attributeFilter: GUARDED_ATTRIBUTES, subtree: true });
  const guard: ButtonGuard = {
    forget() {
      observer?.takeRecords();
    },
    release() {
      observer?.disconnect();
      guards.delete(document);
    },
  };
  guards.set(document, guard);
  return guard;
}
