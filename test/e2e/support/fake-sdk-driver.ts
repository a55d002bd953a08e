/// <reference types="node" />
import type { Page } from 'playwright-core';
import { FAKE_NETWORK_KEY, FAKE_SDK_CHANNEL, type FakeNetwork, type FakeSdkCommand, type LogEntry } from './fake-sdk-protocol.ts';

/**
 * Drives the fake Twilio SDK inside the offscreen document from any extension page (same origin, so a
 * BroadcastChannel reaches it), and reads back what the extension asked the SDK to do.
 */
export function fakeSdk(page: Page) {
  return {
    async send(command: Exclude<FakeSdkCommand, { cmd: 'log' }>): Promise<void> {
      await page.evaluate(
        ([channelName, message]) => {
          const channel = new BroadcastChannel(channelName);
          channel.postMessage(message);
          channel.close();
        },
        [FAKE_SDK_CHANNEL, command] as const,
      );
    },
    /** How the (fake) SDK reaches Twilio from now on, for the phone running now and any started later. */
    async setNetwork(state: FakeNetwork): Promise<void> {
      await page.evaluate(([key, value]) => localStorage.setItem(key, value), [FAKE_NETWORK_KEY, state] as const);
      await this.send({ cmd: 'network' });
    },
    async log(): Promise<{ log: LogEntry[]; state: string }> {
      return page.evaluate(
        (channelName) =>
          new Promise<{ log: LogEntry[]; state: string }>((resolve, reject) => {
            const channel = new BroadcastChannel(channelName);
            const reqId = Math.random().toString(36).slice(2);
            const timer = setTimeout(() => reject(new Error('the fake SDK did not answer (no offscreen document?)')), 5_000);
            channel.onmessage = ({ data }) => {
              if (data?.reqId !== reqId) return;
              clearTimeout(timer);
              channel.close();
              resolve({ log: data.log, state: data.state });
            };
            channel.postMessage({ cmd: 'log', reqId });
          }),
        FAKE_SDK_CHANNEL,
      );
    },
    /** Polls the log until `predicate` holds (the SDK is reached through two message hops). */
    async waitFor(predicate: (log: LogEntry[]) => boolean, timeoutMs = 10_000): Promise<LogEntry[]> {
      const deadline = Date.now() + timeoutMs;
      let last: LogEntry[] = [];
      while (Date.now() < deadline) {
        last = await this.log()
          .then((answer) => answer.log)
          .catch(() => []);
        if (predicate(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`fake SDK log never matched; last log: ${JSON.stringify(last.map((entry) => entry.method))}`);
    },
  };
}
