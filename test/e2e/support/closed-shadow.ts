/// <reference types="node" />
import type { CDPSession, Page } from 'playwright-core';
import { TRACK_VISIBILITY_DELAY_MS } from '../../../extension/ui/sight-check';

/**
 * The page UI lives in a closed shadow root: no page script, and no Playwright locator, can reach
 * it. The tests reach it the way DevTools does, through the Chrome DevTools Protocol
 * (`DOM.getDocument` with `pierce` lists closed roots too), read it with functions run against the
 * root object, and click it with the real mouse at the element's place on screen, so a click lands
 * wherever a rep's would: on our button, or on whatever the page has put over it.
 */
export interface ClosedRoot {
  /** Runs `fn` in the page with the closed root (and `arg`), awaiting what it promises; `fn` must not close over anything. */
  evaluate<R, A = undefined>(fn: (root: ShadowRoot, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** innerText of the first element matching `selector`, or null. */
  text(selector: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  /**
   * Resolves once an element matching `selector` is in the root (`attached`, the default) or none is
   * (`detached`); the host itself may still be on its way. Throws after `timeout` ms.
   */
  waitFor(selector: string, options?: { state?: 'attached' | 'detached'; timeout?: number }): Promise<void>;
  /**
   * Resolves once the browser has reported the first element matching `selector` seen by the rep
   * (`seen: false`: not seen: covered, faded, moved) to an IntersectionObserver v2 like the one the
   * page UI's sight check keeps on it (sight-check.ts), and the frames of that observer's delay have
   * passed, so the page UI's own observer has said the same. How long that takes depends on how fast
   * the browser renders, which is why a test waits for it rather than sleeping. Chromium only.
   */
  waitForSight(selector: string, options: { seen: boolean; timeout?: number }): Promise<void>;
  /** A real click at the centre of the button named `name` (its text or aria-label) inside `within`. */
  clickButton(within: string, name: string | RegExp): Promise<void>;
  /** A real click at the centre of the first element matching `selector`. */
  click(selector: string): Promise<void>;
}

type Node = { nodeId: number; localName?: string; children?: Node[]; shadowRoots?: Node[] };

export async function closedRoot(page: Page, hostTag: string): Promise<ClosedRoot> {
  const cdp: CDPSession = await page.context().newCDPSession(page);

  async function rootObject(): Promise<string> {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const host = find(root, (node) => node.localName === hostTag);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) throw new Error(`no <${hostTag}> with a shadow root on the page`);
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId });
    if (!object.objectId) throw new Error('the shadow root has no remote object');
    return object.objectId;
  }

  async function evaluate<R, A>(fn: (root: ShadowRoot, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const objectId = await rootObject();
    const result = await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
      arguments: [{ value: arg ?? null }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    return result.result.value as R;
  }

  /** How many elements match, or 0 while the page has no host with a root yet. */
  async function countNow(selector: string): Promise<number> {
    try {
      return await evaluate((root, sel) => root.querySelectorAll(sel).length, selector);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(`no <${hostTag}>`)) return 0;
      throw error;
    }
  }

  async function clickAt(box: { x: number; y: number } | null, what: string): Promise<void> {
    if (!box) throw new Error(`nothing to click: ${what}`);
    await page.mouse.click(box.x, box.y);
  }

  return {
    evaluate,
    text: (selector) => evaluate((root, sel) => (root.querySelector(sel) as HTMLElement | null)?.innerText ?? null, selector),
    count: (selector) => evaluate((root, sel) => root.querySelectorAll(sel).length, selector),
    async waitFor(selector, { state = 'attached', timeout = 10_000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const count = await countNow(selector);
        if (state === 'attached' ? count > 0 : count === 0) return;
        if (Date.now() >= deadline) throw new Error(`<${hostTag}> ${selector}: still ${state === 'attached' ? 'absent' : 'present'} after ${timeout} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    waitForSight(selector, { seen, timeout = 10_000 }) {
      return evaluate(
        (root, { sel, seen: wanted, delay, timeout: ms }) =>
          new Promise<void>((resolve, reject) => {
            const element = root.querySelector(sel);
            if (!element) {
              reject(new Error(`nothing matches ${sel}`));
              return;
            }
            const observer = new IntersectionObserver(
              (entries) => {
                const entry = entries[entries.length - 1] as IntersectionObserverEntry & { isVisible?: boolean };
                if ((entry.isIntersecting && entry.isVisible === true) !== wanted) return;
                observer.disconnect();
                const reportedAt = performance.now();
                // Another observer with this delay computes again at the first frame `delay` after its
                // last computation, which came before this report; one frame more delivers its callback.
                const untilDelayPassed = () =>
                  requestAnimationFrame(() => {
                    if (performance.now() < reportedAt + delay) untilDelayPassed();
                    else
                      requestAnimationFrame(() => {
                        clearTimeout(timer);
                        resolve();
                      });
                  });
                untilDelayPassed();
              },
              { threshold: [0, 1], trackVisibility: true, delay } as IntersectionObserverInit,
            );
            const timer = setTimeout(() => {
              observer.disconnect();
              reject(new Error(`${sel} was not ${wanted ? 'seen' : 'hidden'} within ${ms} ms`));
            }, ms);
            observer.observe(element);
          }),
        { sel: selector, seen, delay: TRACK_VISIBILITY_DELAY_MS, timeout },
      );
    },
    async clickButton(within, name) {
      const pattern = typeof name === 'string' ? { source: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' } : { source: name.source, flags: name.flags };
      const box = await evaluate(
        (root, { within: scope, pattern: p }) => {
          const matcher = new RegExp(p.source, p.flags);
          const button = [...root.querySelectorAll<HTMLElement>(`${scope} button`)].find((candidate) =>
            matcher.test((candidate.getAttribute('aria-label') ?? candidate.innerText).trim()),
          );
          if (!button) return null;
          button.scrollIntoView({ block: 'center' });
          const rect = button.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        },
        { within, pattern },
      );
      await clickAt(box, `${within} button ${String(name)}`);
    },
    async click(selector) {
      const box = await evaluate((root, sel) => {
        const element = root.querySelector<HTMLElement>(sel);
        if (!element) return null;
        element.scrollIntoView({ block: 'center' });
        const rect = element.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }, selector);
      await clickAt(box, selector);
    },
  };
}

function find(node: Node, test: (node: Node) => boolean): Node | null {
  if (test(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = find(child, test);
    if (found) return found;
  }
  return null;
}
