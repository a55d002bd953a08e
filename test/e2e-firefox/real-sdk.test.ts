/// <reference types="node" />
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawTextIn } from '../e2e/support/raw-text';
import { addRep, REP, type Reply, type State, until } from '../e2e/support/rep';
import { startServer, type RunningServer } from '../e2e/support/servers';
import { launchFirefox, sendFrom, type LaunchedFirefox } from './support/firefox';

// The production Firefox build, with the real Twilio Voice SDK: it must load and construct in the
// background page without CSP or bundling errors and try to register; these machines cannot reach
// Twilio, so the rep must then see "Twilio unreachable", in plain words, within seconds.
let firefox: LaunchedFirefox;
let server: RunningServer;
const text = (page: Page) => page.evaluate(() => document.body.innerText);
const state = async () => {
  const reply = await sendFrom<Reply<State>>(firefox.options, { type: 'getState' });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
};

beforeAll(async () => {
  server = await startServer();
  await addRep(server);
  firefox = await launchFirefox({ build: 'smoke' });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('the real Twilio SDK in Firefox’s background page', () => {
  it('loads, tries to register with the server’s token, and tells the rep Twilio is unreachable', async () => {
    const signIn = await sendFrom<Reply<State>>(firefox.options, { type: 'signIn', serverUrl: server.url, email: REP.email, password: REP.password });
    expect(signIn).toMatchObject({ ok: true, value: { signedIn: true } });
    // Not awaited: with Twilio unreachable the SDK keeps retrying its registration; the state says so.
    void sendFrom(firefox.options, { type: 'setOnline', online: true }).catch(() => undefined);
    const connecting = await until(state, (s) => s.status !== 'offline', 10_000);
    expect(['connecting', 'twilio-unreachable']).toContain(connecting.status);
    // 'twilio-unreachable' comes from the SDK's own error event (31005 / 53000): the SDK was loaded and
    // constructed, opened its signalling connection, and reported its failure through our device layer.
    const unreachable = await until(state, (s) => s.status === 'twilio-unreachable', 20_000);
    expect(unreachable).toMatchObject({ signedIn: true, online: true, status: 'twilio-unreachable' });

    const popup = await firefox.openExtensionPage('popup.html');
    await expect.poll(() => text(popup), { timeout: 10_000 }).toMatch(/Twilio/);
    // In plain words: no dictionary key shown as is (`status.offline`), though Twilio's status page
    // (status.twilio.com) is named; no `undefined`, `[object …`, `Error:`.
    expect(rawTextIn(await text(popup))).toEqual([]);
    await popup.close();
  });
});
