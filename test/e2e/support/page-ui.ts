/// <reference types="node" />
import type { Page } from 'playwright-core';

/**
 * The page UI (`<yobidashi-page-ui>`'s shadow root) as the browser tests reach it: read text, count,
 * click a button by its name, type into a field. Every call-control test goes through this one
 * place, with the same surface as the closed-root helper (support/closed-shadow.ts on the `security`
 * branch), so that when the root is closed only this file changes: `closedRoot(page, HOST)` reaches
 * it over the DevTools protocol and clicks with the real mouse.
 */
export const HOST = 'yobidashi-page-ui';

export interface PageUi {
  evaluate<R, A = undefined>(fn: (root: ShadowRoot, arg: A) => R, arg?: A): Promise<R>;
  text(selector: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  /** A click on the button named `name` (its text or aria-label) inside `within`. */
  clickButton(within: string, name: string | RegExp): Promise<void>;
  click(selector: string): Promise<void>;
  /** Focuses the field and types, as the rep would. */
  type(selector: string, text: string): Promise<void>;
}

export function pageUi(page: Page): PageUi {
  async function evaluate<R, A>(fn: (root: ShadowRoot, arg: A) => R, arg?: A): Promise<R> {
    return page.evaluate(
      ([host, source, value]) => {
        const root = document.querySelector(host)?.shadowRoot;
        if (!root) throw new Error(`no <${host}> with an open shadow root`);
        return (0, eval)(`(${source})`)(root, value);
      },
      [HOST, fn.toString(), arg ?? null] as const,
    ) as Promise<R>;
  }
  async function clickAt(box: { x: number; y: number } | null, what: string) {
    if (!box) throw new Error(`nothing to click: ${what}`);
    await page.mouse.click(box.x, box.y);
  }
  return {
    evaluate,
    text: (selector) => evaluate((root, sel) => (root.querySelector(sel) as HTMLElement | null)?.innerText ?? null, selector),
    count: (selector) => evaluate((root, sel) => root.querySelectorAll(sel).length, selector),
    async clickButton(within, name) {
      const pattern = typeof name === 'string' ? { source: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' } : { source: name.source, flags: name.flags };
      const box = await evaluate(
        (root, { scope, p }) => {
          const matcher = new RegExp(p.source, p.flags);
          const button = [...root.querySelectorAll<HTMLElement>(`${scope} button`)].find((candidate) => matcher.test((candidate.getAttribute('aria-label') ?? candidate.innerText).trim()));
          if (!button) return null;
          button.scrollIntoView({ block: 'center' });
          const rect = button.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        },
        { scope: within, p: pattern },
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
    async type(selector, text) {
      const found = await evaluate((root, sel) => {
        const element = root.querySelector<HTMLElement>(sel);
        element?.focus();
        return Boolean(element);
      }, selector);
      if (!found) throw new Error(`no field ${selector}`);
      await page.keyboard.type(text);
    },
  };
}
