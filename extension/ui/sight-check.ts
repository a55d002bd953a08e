/**
 * Whether the rep can really see an element of ours on a page that may not want them to: the page
 * cannot reach into our closed shadow root, but it can paint over it, fade it (opacity or filter on
 * an ancestor) or move it, and so make a click land on our Accept that the rep meant for something
 * else (clickjacking).
 *
 * Chromium: IntersectionObserver v2 (`trackVisibility`), the browser's own answer to this: it
 * reports an element as visible only when nothing covers it (pointer-events or not) and no opacity,
 * filter or transform applies to it (https://web.dev/articles/intersectionobserver-v2).
 * Elsewhere (Firefox has no v2): rendered, nearly opaque all the way up, and the page's topmost
 * element at its centre is ours.
 */
export interface SightCheck {
  seen(): boolean;
  dispose(): void;
}

/** IntersectionObserver v2's minimum delay between notifications. */
export const TRACK_VISIBILITY_DELAY_MS = 100;
/** The fallback's bar: an element fainter than this is not really seen. */
const MIN_OPACITY = 0.9;

type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };
type Scope = Window & typeof globalThis;

export function watchSight(element: HTMLElement): SightCheck {
  const scope = element.ownerDocument.defaultView as Scope | null;
  if (scope && 'isVisible' in (scope.IntersectionObserverEntry?.prototype ?? {})) {
    let visible = false;
    const observer = new scope.IntersectionObserver(
      (entries) => {
        const entry = entries.at(-1) as VisibilityEntry | undefined;
        if (entry) visible = entry.isIntersecting && entry.isVisible === true;
      },
      { threshold: [0, 1], trackVisibility: true, delay: TRACK_VISIBILITY_DELAY_MS } as IntersectionObserverInit,
    );
    observer.observe(element);
    return { seen: () => visible, dispose: () => observer.disconnect() };
  }
  return { seen: () => seenNow(element), dispose: () => undefined };
}

/** The fallback, checked at the moment of the click. */
export function seenNow(element: HTMLElement): boolean {
  const document = element.ownerDocument;
  const scope = document.defaultView;
  if (!scope) return false;
  if (element.checkVisibility && !element.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
  let opacity = 1;
  for (let node: Element | null = element; node; node = parentInFlatTree(node)) {
    const style = scope.getComputedStyle(node);
    opacity *= Number(style.opacity || '1');
    if (style.filter && style.filter !== 'none') return false;
  }
  if (opacity < MIN_OPACITY) return false;
  const box = element.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return false;
  // The document sees a hit anywhere in our shadow tree as a hit on its host.
  const host = element.getRootNode() instanceof scope.ShadowRoot ? (element.getRootNode() as ShadowRoot).host : element;
  return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === host;
}

function parentInFlatTree(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return 'host' in root ? (root as ShadowRoot).host : null;
}
