import type { CDPSession, Page } from 'playwright-core';
import { cardParameters, type CallCard } from '../../server/voice/client-card.ts';
import { FAKE_NETWORK_KEY, FAKE_SDK_CHANNEL, type FakeNetwork, type FakeSdkCommand } from '../../test/e2e/support/fake-sdk-protocol.ts';
import type { Stage } from './stage.ts';

// The rep's phone in the e2e build is the fake Voice SDK (test/e2e/support/fake-voice-sdk.ts): these
// drive it as the browser tests do (fake-sdk-driver.ts), over its BroadcastChannel from an extension page.

interface PhoneState {
  status: string;
  online: boolean;
  calls: { current: { kind: string; inherited?: boolean }; owed?: unknown[] };
  callProblem: unknown;
}

export async function sdkCommand(stage: Stage, command: FakeSdkCommand): Promise<void> {
  await (await stage.extensionPage()).evaluate(
    ([channelName, message]) => {
      const channel = new BroadcastChannel(channelName);
      channel.postMessage(message);
      channel.close();
    },
    [FAKE_SDK_CHANNEL, command] as const,
  );
}

/** How the (fake) SDK reaches Twilio from now on: 'down' (a firewall), 'stalled' (calls hang), 'up'. */
export async function setTwilioNetwork(stage: Stage, state: FakeNetwork): Promise<void> {
  await (await stage.extensionPage()).evaluate(([key, value]) => localStorage.setItem(key, value), [FAKE_NETWORK_KEY, state] as const);
  await sdkCommand(stage, { cmd: 'network' });
}

export async function phoneState(stage: Stage): Promise<PhoneState> {
  const reply = await stage.send<{ ok: boolean; value: PhoneState }>({ type: 'getState' });
  return reply.value;
}

export async function until(stage: Stage, ok: (state: PhoneState) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let state = await phoneState(stage); !ok(state); state = await phoneState(stage)) {
    if (Date.now() > deadline) throw new Error(`the phone never got ${what}; it is ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Back to where every rep scene starts: Twilio reachable, online, ready, no call, no notice. */
export async function resetPhone(stage: Stage): Promise<void> {
  await setTwilioNetwork(stage, 'up');
  const { calls } = await phoneState(stage);
  if (calls.current.kind === 'incoming') await stage.send({ type: 'reject' });
  else if (calls.current.kind !== 'idle' && calls.current.kind !== 'wrap-up') await stage.send({ type: 'hangUp' });
  await until(stage, (state) => state.calls.current.kind === 'idle' || state.calls.current.kind === 'wrap-up', 'off the call');
  await stage.send({ type: 'finishWrapUp' });
  await stage.send({ type: 'dismissCallProblem' });
  await stage.send({ type: 'setOnline', online: true });
  await until(stage, (state) => state.status === 'ready' && state.calls.current.kind === 'idle' && !state.callProblem, 'ready');
}

/** A call rings the rep's phone, carrying the card the server's TwiML gives it (client-card.ts). */
export async function ring(stage: Stage, card: CallCard): Promise<void> {
  await sdkCommand(stage, {
    cmd: 'incoming',
    parameters: { From: card.from, To: 'client:sato' },
    customParameters: Object.fromEntries(cardParameters(card).map(({ name, value }) => [name, value])),
  });
  await until(stage, (state) => state.calls.current.kind === 'incoming', 'ringing');
}

/**
 * The call card over the CRM page lives in a closed shadow root, out of reach of page scripts and
 * Playwright's locators: it is looked for the way DevTools finds it (DOM.getDocument with `pierce`),
 * as in test/e2e/support/closed-shadow.ts (which needs the DOM's types, not the scripts' Node config).
 * Resolves once `selector` shows in it.
 */
export async function pageCardShows(page: Page, selector: string, timeout = 15_000): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const deadline = Date.now() + timeout;
  try {
    while (!(await inPageUi<boolean>(cdp, selector, 'return this.querySelector(selector) !== null;').catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`${selector} never showed over the CRM page`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  } finally {
    await cdp.detach();
  }
}

/** A real click at the centre of `selector` in the call card over the CRM page, where a rep's would land (closed-shadow.ts `click`). */
export async function pageCardClick(page: Page, selector: string): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const centre = await inPageUi<{ x: number; y: number } | null>(
      cdp,
      selector,
      'const rect = this.querySelector(selector)?.getBoundingClientRect(); return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;',
    );
    if (!centre) throw new Error(`${selector} is not over the CRM page`);
    await page.mouse.click(centre.x, centre.y);
  } finally {
    await cdp.detach();
  }
}

type DomNode = { nodeId: number; localName?: string; children?: DomNode[]; shadowRoots?: DomNode[] };

/** Runs `body` (a function body, `this` the page UI's shadow root, `selector` its argument) in the page; undefined without the page UI. */
async function inPageUi<T>(cdp: CDPSession, selector: string, body: string): Promise<T | undefined> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const find = (node: DomNode): DomNode | undefined =>
    node.localName === 'yobidashi-page-ui' ? node : [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(find).find(Boolean);
  const shadow = find(root)?.shadowRoots?.[0];
  if (!shadow) return undefined;
  const { object } = await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId });
  const result = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: `function (selector) { ${body} }`,
    arguments: [{ value: selector }],
    returnByValue: true,
  });
  return result.result.value as T;
}
