import { afterEach, describe, expect, it } from 'vitest';
import { CALL_BUTTON_TAG } from '@/crm/call-button';
import { startInjector, type DialRequest, type InjectorOptions, type PageWindow } from '@/crm/inject';
import { zohoAdapter } from '@/crm/zoho';
import { FIXTURE_URLS, fixtureHtml, openFixture, openPage } from './fixture-page';

const pages: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

function listView(overrides: Partial<InjectorOptions> = {}, prepare: (window: PageWindow) => void = () => {}) {
  const page = openFixture('zoho-list-view.html');
  pages.push(page);
  prepare(page.window);
  const dials: DialRequest[] = [];
  const injector = startInjector({
    window: page.window,
    adapter: zohoAdapter,
    country: 'JP',
    language: 'ja', // the rep's 表示言語
    navigationPollMs: 0,
    // happy-dom's DOM is far slower than a browser's: parse these small pages at once, as a browser would.
    sameFrameParseMs: Number.POSITIVE_INFINITY,
    trustedClicksOnly: false,
    onDial: (request) => dials.push(request),
    ...overrides,
  });
  return { ...page, injector, dials };
}

const hostsIn = (root: ParentNode) => [...root.querySelectorAll(CALL_BUTTON_TAG)] as HTMLElement[];
/** A later task of the page (a click, a response): the same-frame parsing budget is per task. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** The microtask in which the page's mutation observers run, after the page's own task. */
const afterPageTask = () => new Promise<void>((resolve) => queueMicrotask(() => queueMicrotask(resolve)));

/** Counts the page's animation frames (the injector's deferred writes) without changing them. */
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

function appendRows(document: Document, count: number): void {
  const tbody = document.querySelector('tbody')!;
  const template = tbody.querySelector('tr.lvRow')!;
  for (let i = 0; i < count; i++) {
    const row = template.cloneNode(true) as Element;
    row.querySelectorAll(CALL_BUTTON_TAG).forEach((host) => host.remove());
    row.querySelector('a')!.setAttribute('href', `/crm/org90000001/tab/Leads/48768760000009000${i}0`);
    tbody.append(row);
  }
}

describe('call buttons on rows the CRM adds', () => {
  it('go in right after the page adds the rows, before the browser renders them', async () => {
    let frames = 0;
    let slices = 0;
    const { document, injector } = listView({ sameFrameBudgetMs: Number.POSITIVE_INFINITY, schedule: (task) => setTimeout(() => (slices++, task()), 0) }, (window) =>
      recordFrames(window, () => frames++),
    );
    await injector.idle();
    frames = slices = 0;

    appendRows(document, 5);
    await afterPageTask();
    expect(hostsIn(document)).toHaveLength(30 + 5 * 2);
    expect({ frames, slices }).toEqual({ frames: 0, slices: 0 });
  });

  it('go in while the HTML parser adds the list, from a content script started before it (document_start)', async () => {
    const page = openPage('<!DOCTYPE html><html><head></head><body></body></html>', FIXTURE_URLS['zoho-list-view.html']);
    pages.push(page);
    const { document } = page;
    // "Same as the browser": a Japanese browser gets Japanese labels, whatever the page's lang says.
    Object.defineProperty(page.window.navigator, 'language', { configurable: true, value: 'ja-JP' });
    const injector = startInjector({
      window: page.window,
      adapter: zohoAdapter,
      country: 'JP',
      navigationPollMs: 0,
      sameFrameBudgetMs: Number.POSITIVE_INFINITY, // happy-dom's DOM is far slower than a browser's
      onDial: () => {},
    });
    expect(hostsIn(document)).toHaveLength(0);

    // The parser reaches <html lang="en"> and then the rows.
    document.documentElement.lang = 'en';
    const list = new page.window.DOMParser().parseFromString(fixtureHtml('zoho-list-view.html'), 'text/html');
    document.body.append(...[...list.body.childNodes].map((node) => document.importNode(node, true)));
    await afterPageTask();

    expect(hostsIn(document)).toHaveLength(30);
    expect(hostsIn(document)[0]!.getAttribute('aria-label')).toMatch(/^電話をかける：/);
    await injector.idle();
    injector.stop();
  });

  it('that do not fit in the time after the page’s change go in later, all in one frame', async () => {
    const hostsAfterSlices: number[] = [];
    let framesWithInsertions = 0;
    let hostsBefore = 0;
    const { document, injector } = listView(
      {
        sameFrameBudgetMs: 0, // the deadline passes after the first 8 values
        sliceMs: 0, // and each background slice does 8 more
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
    const atOnce = hostsIn(document).length;
    hostsBefore = atOnce;
    await injector.idle();
    expect(atOnce).toBeGreaterThan(0);
    expect(atOnce).toBeLessThan(30);
    expect(hostsAfterSlices.length).toBeGreaterThanOrEqual(4);
    expect(hostsAfterSlices.every((count) => count === atOnce)).toBe(true);
    expect(hostsIn(document)).toHaveLength(30);
    expect(framesWithInsertions).toBe(1);
  });

  it('that had to wait go first on the rows the rep can see', async () => {
    const newInFrame: string[][] = [];
    let rows: Element[] = [];
    let before = new Set<Element>();
    const withButtons = () => new Set(rows.filter((row) => row.querySelector(CALL_BUTTON_TAG)));
    // A slow background scan (a slice of 8 values every 20 ms): the visible rows are found long before it ends.
    const slowScan = { sameFrameBudgetMs: 0, sliceMs: 0, schedule: (task: () => void) => void setTimeout(task, 20) };
    const { document, injector } = listView(slowScan, (window) => {
      rows = [...window.document.querySelectorAll('tr.lvRow')];
      const onScreen = new Set(rows.slice(20, 22));
      fakeViewport(window, (element) => onScreen.has(element.closest('tr')!));
      recordFrames(window, () => {
        const now = withButtons();
        const added = [...now].filter((row) => !before.has(row));
        if (added.length > 0) newInFrame.push(added.map((row) => row.getAttribute('data-zcqa') ?? ''));
        before = now;
      });
    });
    // The first rows went in at once, with the budget's first few values; frames bring the rest.
    before = withButtons();
    expect(before.size).toBeGreaterThan(0);
    await injector.idle();
    expect(newInFrame[0]).toEqual(['lvRow_20', 'lvRow_21']);
    expect(newInFrame).toHaveLength(2); // then all the others, together, once the scan is done
    expect(hostsIn(document)).toHaveLength(30);
  });
});

describe('call buttons for more numbers than can be parsed before the next frame', () => {
  const isKeptPlace = (host: Element) =>
    host.getAttribute('aria-hidden') === 'true' && !host.hasAttribute('role') && (host as HTMLElement).style.getPropertyValue('visibility') === 'hidden';

  it('have their places kept at once, then turn into buttons where they are, with no frame of insertions', async () => {
    let hostsInFrames = 0;
    const { document, injector, dials } = listView({ sameFrameParseMs: 0 }, (window) =>
      recordFrames(window, () => (hostsInFrames = Math.max(hostsInFrames, hostsIn(window.document).length))),
    );
    await injector.idle();
    await nextTask();
    appendRows(document, 70); // 140 numbers: the first 40 or so of a task's changes are always parsed at once
    await afterPageTask();
    // Every dialable value has its button-sized place now; the empty and masked ones have none.
    const hosts = hostsIn(document);
    expect(hosts).toHaveLength(30 + 140);
    const kept = hosts.filter(isKeptPlace);
    expect(kept.length).toBeGreaterThan(80);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(injector.buttonCount).toBe(170 - kept.length);
    // A page script cannot make a kept place look like a button either.
    kept[0]!.setAttribute('role', 'button');
    kept[0]!.setAttribute('aria-label', 'Call 0120-000-000');
    await afterPageTask();
    expect(isKeptPlace(kept[0]!)).toBe(true);
    expect(kept[0]!.hasAttribute('aria-label')).toBe(false);

    await injector.idle();
    expect(hostsIn(document)).toEqual(hosts); // the same elements, nothing inserted or moved
    expect(hosts.filter(isKeptPlace)).toHaveLength(0);
    expect(hosts.every((host) => host.getAttribute('role') === 'button' && host.getAttribute('aria-label')?.startsWith('電話をかける：'))).toBe(true);
    expect(injector.buttonCount).toBe(170);
    expect(hostsInFrames).toBe(0);
    kept[0]!.click();
    expect(dials).toHaveLength(1);
  });

  it('share one parsing budget between the changes of one task, and get a new one in the next task', async () => {
    const { document, injector } = listView({ sameFrameParseMs: 0 });
    await injector.idle();
    await nextTask();
    appendRows(document, 70); // 140 values: the first 40 or so parsed, the rest places kept
    await afterPageTask();
    const keptAfterFirst = hostsIn(document).filter(isKeptPlace).length;
    expect(keptAfterFirst).toBeGreaterThan(80);
    expect(keptAfterFirst).toBeLessThanOrEqual(100);
    appendRows(document, 10); // the parser's next chunk in the same task: its budget is spent
    await afterPageTask();
    expect(hostsIn(document).filter(isKeptPlace).length).toBe(keptAfterFirst + 20);
    await injector.idle();
    await nextTask();
    appendRows(document, 10); // a later task parses again at once
    await afterPageTask();
    expect(hostsIn(document).filter(isKeptPlace)).toHaveLength(0);
    await injector.idle();
    expect(injector.buttonCount).toBe(30 + 90 * 2);
  });

  it('leave an invisible, inert place after a value that turns out not to be a number', async () => {
    const { document, injector, dials } = listView({ sameFrameParseMs: 0 });
    await injector.idle();
    const row = document.querySelector('tr.lvRow')!.cloneNode(true) as Element;
    row.querySelectorAll(CALL_BUTTON_TAG).forEach((host) => host.remove());
    const [phone, mobile] = row.querySelectorAll('span.cxPhoneViewValue');
    phone!.textContent = '12345678901'; // digits, but no number in any plan we know
    mobile!.textContent = '090-1234-5678';
    await nextTask();
    appendRows(document, 70); // the first 40 or so values of a task are parsed at once; later ones get places
    document.querySelector('tbody')!.append(row);
    await injector.idle();

    const kept = phone!.nextElementSibling as HTMLElement;
    expect(kept.localName).toBe(CALL_BUTTON_TAG);
    expect(isKeptPlace(kept)).toBe(true);
    kept.click();
    expect(dials).toEqual([]);
    expect(mobile!.nextElementSibling?.getAttribute('role')).toBe('button');
    expect(injector.buttonCount).toBe(30 + 70 * 2 + 1);
  });
});

describe('a call button', () => {
  it('keeps its look whatever the page’s stylesheets say', async () => {
    const { window, document, injector } = listView({}, (window) => {
      const style = window.document.createElement('style');
      style.textContent = `${CALL_BUTTON_TAG}, tbody * { display: none !important; width: 300px !important; }`;
      window.document.head.append(style);
    });
    await injector.idle();
    const computed = window.getComputedStyle(hostsIn(document)[0]!);
    expect({ display: computed.display, width: computed.width }).toEqual({ display: 'inline-block', width: '20px' });
  });

  it('cannot be relabelled, hidden, disabled or emptied by a page script', async () => {
    const { document, injector, dials } = listView();
    await injector.idle();
    const [button] = hostsIn(document);
    const label = button!.getAttribute('aria-label');
    button!.setAttribute('aria-label', 'Call 0120-000-000');
    button!.style.display = 'none';
    button!.setAttribute('inert', '');
    button!.replaceChildren('☎');
    await afterPageTask();

    expect(button!.getAttribute('aria-label')).toBe(label);
    expect(button!.title).toBe(label);
    expect(button!.style.getPropertyValue('display')).toBe('inline-block');
    expect(button!.style.getPropertyPriority('display')).toBe('important');
    expect(button!.hasAttribute('inert')).toBe(false);
    expect(button!.childNodes).toHaveLength(0);
    button!.click();
    expect(dials).toHaveLength(1);
  });

  it('dials on Enter and on Space, as a button does', async () => {
    const { window, document, injector, dials } = listView();
    await injector.idle();
    const [button] = hostsIn(document);
    const number = document.querySelector('span.cxPhoneViewValue')!.textContent!;
    button!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    button!.dispatchEvent(new window.KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(dials).toHaveLength(1);
    button!.dispatchEvent(new window.KeyboardEvent('keyup', { key: ' ', bubbles: true }));
    expect(dials.map((dial) => dial.display)).toEqual([number, number]);
  });

  it('ignores key presses a page script fakes when only real ones may dial', async () => {
    const { window, document, injector, dials } = listView({ trustedClicksOnly: true });
    await injector.idle();
    hostsIn(document)[0]!.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(dials).toEqual([]);
  });
});
