/**
 * Code that runs in the benchmark page, not in Node (serialised with toString(), added with
 * addInitScript before the page's first byte is parsed): it records, for whichever contender runs on
 * the page, when DOMContentLoaded came, when the rows the rep sees first had their buttons, when all
 * had them, and when the frame that shows them was rendered; and it checks every button or match
 * against the page's ground truth (zoho-list-page.ts). Self-contained: no imports, no outer variables.
 * It observes the DOM only from DOMContentLoaded on (the parser's records would cost every contender).
 */

interface ProbeNode {
  readonly localName?: string;
  readonly textContent: string | null;
  readonly parentElement: ProbeElement | null;
  readonly nextElementSibling: ProbeElement | null;
  readonly previousElementSibling: ProbeElement | null;
}
interface ProbeElement extends ProbeNode {
  readonly localName: string;
  readonly className: string;
  closest(selector: string): ProbeElement | null;
  getAttribute(name: string): string | null;
}
interface ProbeGlobals {
  document: {
    addEventListener(type: string, listener: () => void): void;
    querySelectorAll(selector: string): ArrayLike<ProbeElement>;
    documentElement: ProbeElement;
  };
  performance: { now(): number; mark(name: string): void };
  requestAnimationFrame(callback: () => void): number;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(message: unknown): void } };
  MutationObserver: new (callback: (records: { type: string; target: ProbeNode; addedNodes: ArrayLike<ProbeNode> }[]) => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean; attributes?: boolean; attributeFilter?: string[] }): void;
    disconnect(): void;
  };
  __ybLoad?: LoadState;
}

export interface ProbeConfig {
  /**
   * How call buttons are recognised: by tag name, or by class for the bare baseline's <button>s; with
   * `role`, only once they have it (Yobidashi keeps hidden places that become buttons later).
   */
  button: { tag: string; className?: string; role?: string } | null;
  /** Value spans in the first viewport (the first rows), measured once per page size. */
  visibleValues: number;
}

export interface LoadState {
  dcl?: number;
  expected?: number;
  visibleExpected?: number;
  visibleDone?: number;
  done?: number;
  painted?: number;
  buttons: number;
  truePositives: number;
  falsePositives: number;
  falseSamples: string[];
}

export function installLoadProbe(config: ProbeConfig): void {
  const page = globalThis as unknown as ProbeGlobals;
  const VALUE = 'span.cxPhoneViewValue';
  const state: LoadState = { buttons: 0, truePositives: 0, falsePositives: 0, falseSamples: [] };
  page.__ybLoad = state;
  const callable = (text: string | null) => (text ?? '').trim() !== '' && !(text ?? '').includes('*');
  const isButton = (node: ProbeNode) =>
    config.button !== null &&
    node.localName === config.button.tag &&
    (config.button.className === undefined || (node as ProbeElement).className === config.button.className) &&
    (config.button.role === undefined || (node as ProbeElement).getAttribute('role') === config.button.role);
  const counted = new WeakSet<ProbeNode>();
  function count(node: ProbeNode): void {
    if (counted.has(node) || !isButton(node)) return;
    counted.add(node);
    state.buttons++;
    classify(node as ProbeElement);
  }
  const paintedAfter = () =>
    page.requestAnimationFrame(() => {
      // A message posted in the frame callback runs after the frame's style, layout and paint.
      const channel = new page.MessageChannel();
      channel.port1.onmessage = () => {
        state.painted = page.performance.now();
        page.performance.mark('yb:painted');
      };
      channel.port2.postMessage(null);
    });

  const visibleValues: ProbeElement[] = [];
  const hasButton = (value: ProbeElement) => {
    const next = value.nextElementSibling;
    return next !== null && isButton(next);
  };
  function check(): void {
    if (state.visibleDone === undefined && visibleValues.length > 0 && visibleValues.every(hasButton)) {
      state.visibleDone = page.performance.now();
      page.performance.mark('yb:visible');
    }
    if (state.done === undefined && state.expected !== undefined && state.buttons >= state.expected) {
      state.done = page.performance.now();
      page.performance.mark('yb:done');
      paintedAfter();
    }
  }
  function classify(button: ProbeElement): void {
    const value = button.previousElementSibling;
    if (value && value.localName === 'span' && value.className.includes('cxPhoneViewValue') && callable(value.textContent)) state.truePositives++;
    else {
      state.falsePositives++;
      if (state.falseSamples.length < 5) state.falseSamples.push((value?.textContent ?? button.parentElement?.textContent ?? '').trim().slice(0, 40));
    }
  }

  page.document.addEventListener('DOMContentLoaded', () => {
    state.dcl = page.performance.now();
    page.performance.mark('yb:dcl');
    const values = page.document.querySelectorAll(VALUE);
    let expected = 0;
    for (let i = 0; i < values.length; i++) {
      if (!callable(values[i]!.textContent)) continue;
      expected++;
      if (i < config.visibleValues) visibleValues.push(values[i]!);
    }
    state.expected = expected;
    state.visibleExpected = visibleValues.length;
    if (!config.button) return;
    const { tag } = config.button;
    // Buttons a contender put in before DOMContentLoaded.
    const early = page.document.querySelectorAll(tag);
    for (let i = 0; i < early.length; i++) count(early[i]!);
    const observer = new page.MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') count(record.target);
        else for (let i = 0; i < record.addedNodes.length; i++) count(record.addedNodes[i]!);
      }
      check();
    });
    const roles = config.button.role === undefined ? {} : { attributes: true, attributeFilter: ['role'] };
    observer.observe(page.document.documentElement, { childList: true, subtree: true, ...roles });
    check();
  });
}
