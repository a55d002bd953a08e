/// <reference types="node" />
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const folder = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/**
 * The README's pictures of call control, taken by the browser tests at the moment they show it:
 * `YB_SCREENSHOTS=1 npx vitest run --project e2e test/e2e/call-control.test.ts` writes
 * docs/screenshots/<name>.png; an ordinary run leaves the folder alone.
 */
export async function screenshot(page: Page, name: string, clip?: { selector: string; padding?: number } | { rect: () => Promise<Rect | null>; padding?: number }): Promise<void> {
  if (!process.env.YB_SCREENSHOTS) return;
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  // Let the last state push and the timers settle into the picture.
  await new Promise((resolve) => setTimeout(resolve, 400));
  if (!clip) {
    await page.screenshot({ path: file });
    return;
  }
  const box = 'selector' in clip ? await page.locator(clip.selector).first().boundingBox() : await clip.rect();
  if (!box) throw new Error(`nothing to photograph: ${'selector' in clip ? clip.selector : 'no rectangle'}`);
  const pad = clip.padding ?? 16;
  await page.screenshot({ path: file, clip: { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad } });
}
