import { afterEach, describe, expect, it } from 'vitest';
import { CALL_BUTTON_TAG, callButtonShadow } from '@/crm/call-button';
import { cssOf } from '@/crm/call-button-styles';
import { startInjector, type InjectorOptions, type PageWindow } from '@/crm/inject';
import { zohoAdapter } from '@/crm/zoho';
import { openFixture } from './fixture-page';

const pages: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

function listView(overrides: Partial<InjectorOptions> = {}, prepare: (window: PageWindow) => void = () => {}) {
  const page = openFixture('zoho-list-view.html');
  pages.push(page);
  prepare(page.window);
  const injector = startInjector({
    window: page.window,
    adapter: zohoAdapter,
    country: 'JP',
    navigationPollMs: 0,
    trustedClicksOnly: false,
    onDial: () => {},
    ...overrides,
  });
  return { ...page, injector };
}

const hostsIn = (root: ParentNode) => [...root.querySelectorAll(CALL_BUTTON_TAG)];

/** Watches the page's animation frames (the injector's write batches) without changing them. */
function recordFrames(window: PageWindow, onFrame: () => void): void {
  const native = window.requestAnimationFrame.bind(window);
  Object.defineProperty(window, 'requestAnimationFrame', {
    configurable: true,
    value: (callback: FrameRequestCallback) =>
      native((time) => {
        callback(time);
        onFrame();
      }),
  });
}

/**
 * happy-dom has no geometry, so its IntersectionObserver never reports: this one reports, as a browser
 * does after the next rendering, that only the elements `isVisible` accepts are on screen.
 */
function fakeViewport(window: PageWindow, isVisible: (element: Element) => boolean): void {
  class ViewportObserver {
    readonly #callback: IntersectionObserverCallback;
    constructor(callback: IntersectionObserverCallback) {
      this.#callback = callback;
    }
    observe(target: Element) {
      queueMicrotask(() =>
        this.#callback([{ target, isIntersecting: isVisible(target) } as IntersectionObserverEntry], this as unknown as IntersectionObserver),
      );
    }
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'IntersectionObserver', { configurable: true, value: ViewportObserver });
}

describe('call buttons on a long list', () => {
  it('are inserted together in one animation frame, never by the scanning slices', async () => {
    const hostsAfterSlices: number[] = [];
    let framesWithInsertions = 0;
    let hostsBefore = 0;
    const { document, injector } = listView(
      {
        sliceMs: 0, // a slice per 8 values: the 48 values take several slices
        schedule: (task) =>
          queueMicrotask(() => {
            task();
            hostsAfterSlices.push(hostsIn(document).length);
          }),
      },
      (window) =>
        recordFrames(window, () => {
          const hosts = hostsIn(window.document).length;
          if (hosts !== hostsBefore) framesWithInsertions++;
          hostsBefore = hosts;
        }),
    );
    await injector.idle();
    expect(hostsAfterSlices.length).toBeGreaterThanOrEqual(5);
    expect(hostsAfterSlices.every((count) => count === 0)).toBe(true);
    expect(hostsIn(document)).toHaveLength(30);
    expect(framesWithInsertions).toBe(1);
  });

  it('go first on the rows the rep can see', async () => {
    const firstFrames: string[][] = [];
    const { document, injector } = listView({}, (window) => {
      const rows = [...window.document.querySelectorAll('tr.lvRow')];
      const onScreen = new Set(rows.slice(20, 22));
      fakeViewport(window, (element) => onScreen.has(element.closest('tr')!));
      recordFrames(window, () => {
        const rowsWithButtons = rows.filter((row) => row.querySelector(CALL_BUTTON_TAG));
        if (rowsWithButtons.length > 0) firstFrames.push(rowsWithButtons.map((row) => row.getAttribute('data-zcqa') ?? ''));
      });
    });
    await injector.idle();
    expect(firstFrames[0]).toEqual(['lvRow_20', 'lvRow_21']);
    expect(hostsIn(document)).toHaveLength(30);
  });
});

describe('the button styles', () => {
  it('are one stylesheet shared by every button on the page', async () => {
    const { document, injector } = listView();
    await injector.idle();
    const sheets = new Set(hostsIn(document).flatMap((host) => [...callButtonShadow(host)!.adoptedStyleSheets]));
    expect(sheets.size).toBe(1);
    expect(hostsIn(document).every((host) => callButtonShadow(host)!.querySelector('style') === null)).toBe(true);
  });

  it('fall back to a style element in each button where sheets cannot be shared', async () => {
    const { document, injector } = listView({}, (window) => {
      Object.defineProperty(window, 'CSSStyleSheet', { configurable: true, value: undefined });
    });
    await injector.idle();
    const shadow = callButtonShadow(hostsIn(document)[0]!)!;
    expect(shadow.adoptedStyleSheets ?? []).toHaveLength(0);
    expect(shadow.querySelector('style')).not.toBeNull();
    expect(cssOf(shadow)).toContain(':focus-visible');
  });
});
