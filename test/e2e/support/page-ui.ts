/// <reference types="node" />
import type { Page } from 'playwright-core';
import { closedRoot, type ClosedRoot } from './closed-shadow';

/**
 * The page UI (`<yobidashi-page-ui>`'s closed shadow root) as the call-control browser tests reach
 * it: read text, count, click a button by its name (the real mouse), type into a field. Built on
 * closed-shadow.ts, which reaches the closed root over the DevTools protocol as DevTools does.
 */
export const HOST = 'yobidashi-page-ui';
/** How long a button may take to appear and become enabled (a leg joining the room under load). */
const BUTTON_WAIT_MS = 20_000;

export interface PageUi {
  evaluate<R, A = undefined>(fn: (root: ShadowRoot, arg: A) => R, arg?: A): Promise<R>;
  text(selector: string): Promise<string | null>;
  count(selector: string): Promise<number>;
  /**
   * A click on the button named `name` (its text or aria-label) inside `within`. On the incoming
   * card, once the browser has vouched that the rep can see it: Accept answers only then.
   */
  clickButton(within: string, name: string | RegExp): Promise<void>;
  click(selector: string): Promise<void>;
  /** Focuses the field and types, as the rep would. */
  type(selector: string, text: string): Promise<void>;
}

export function pageUi(page: Page): PageUi {
  let root: Promise<ClosedRoot> | null = null;
  // The host appears with the first call; the DevTools session is opened once, on first use.
  const reach = () => (root ??= closedRoot(page, HOST));
  return {
    evaluate: async (fn, arg) => (await reach()).evaluate(fn, arg),
    text: async (selector) => (await reach()).text(selector),
    count: async (selector) => (await reach()).count(selector),
    async clickButton(within, name) {
      const ui = await reach();
      if (within === '.yb-incoming') await ui.waitForSight(within, { seen: true });
      // As a rep would: wait until the button is there and enabled (Hold stays disabled until the rep's
      // leg is in the call's room), then click it.
      const pattern = typeof name === 'string' ? { source: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' } : { source: name.source, flags: name.flags };
      const deadline = Date.now() + BUTTON_WAIT_MS;
      for (;;) {
        const ready = await ui.evaluate(
          (root, { scope, p }) => {
            const matcher = new RegExp(p.source, p.flags);
            const button = [...root.querySelectorAll<HTMLButtonElement>(`${scope} button`)].find((candidate) => matcher.test((candidate.getAttribute('aria-label') ?? candidate.innerText).trim()));
            return Boolean(button && !button.disabled && button.getAttribute('aria-disabled') !== 'true');
          },
          { scope: within, p: pattern },
        );
        if (ready) break;
        if (Date.now() > deadline) throw new Error(`${within}: no enabled button ${String(name)} after ${BUTTON_WAIT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await ui.clickButton(within, name);
    },
    click: async (selector) => (await reach()).click(selector),
    async type(selector, text) {
      const found = await (await reach()).evaluate((shadow, sel) => {
        const element = shadow.querySelector<HTMLElement>(sel);
        element?.focus();
        return Boolean(element);
      }, selector);
      if (!found) throw new Error(`no field ${selector}`);
      await page.keyboard.type(text);
    },
  };
}
