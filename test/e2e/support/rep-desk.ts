/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchWithExtension, type LaunchedExtension } from './extension';
import { addRep, LEAD_PATH, stateFrom, type State } from './rep';
import { startFixtureServer, startServer, type RunningServer } from './servers';

/**
 * The rep's desk for a file of browser tests: the real server with the rep on it (an outgoing number
 * assigned), the saved Zoho lead page served as crm.zoho.jp at LEAD_PATH (and at `morePaths`), and the
 * e2e build of the extension in Chromium with one of its pages open to drive it (`controlPage`). Nobody
 * is signed in yet.
 */
export interface RepDesk {
  server: RunningServer;
  fixtures: { port: number; close(): Promise<void> };
  browser: LaunchedExtension;
  controlPage: Page;
  /** The background's public state, asked from the control page. */
  state: () => Promise<State>;
  /** Closes the browser, the page server and the server (unless the file brought its own). */
  close(): Promise<void>;
}

const LEAD_PAGE = fileURLToPath(new URL('../../fixtures/crm-pages/zoho-record-lead.html', import.meta.url));

export async function openRepDesk(options: { server?: RunningServer; morePaths?: string[] } = {}): Promise<RepDesk> {
  const opened: (() => Promise<void>)[] = [];
  // Last opened, first closed; whatever opened before a failure is closed too.
  const close = async () => {
    for (const closeOne of opened.reverse()) await closeOne();
  };
  try {
    const server = options.server ?? (await startServer());
    if (!options.server) opened.push(() => server.close());
    await addRep(server);
    const fixtures = await startFixtureServer(Object.fromEntries([LEAD_PATH, ...(options.morePaths ?? [])].map((path) => [path, LEAD_PAGE])));
    opened.push(() => fixtures.close());
    const browser = await launchWithExtension({ loopbackHosts: ['crm.zoho.jp'] });
    opened.push(() => browser.close());
    const controlPage = await browser.openPage('microphone.html');
    return { server, fixtures, browser, controlPage, state: stateFrom(controlPage), close };
  } catch (error) {
    await close();
    throw error;
  }
}
