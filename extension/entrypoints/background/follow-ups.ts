import { browser, type PublicPath } from 'wxt/browser';
import { ApiError } from '@/api/client';
import type { FollowUp } from '@/api/follow-up-schemas';
import { createFollowUpsApi, type FollowUpsApi } from '@/api/follow-ups-client';
import { translate, type MessageKey, type MessageParams } from '@/locales/i18n';
import { ReplyError } from '@/messaging/router';
import { formatForDisplay } from '@/models/phone-number-format';
import { numberForRep, type RepDisplay } from '@/models/rep-display';
import type { Session } from '@/storage/items';
import type { StoredValue } from './phone-state-hub';

const PREFIX = 'voicemail:';

export interface FollowUpDeps {
  session: StoredValue<Session | null>;
  serverUrl: StoredValue<string | null>;
  /** Voicemails already announced (session storage: a worker restart does not announce them again). */
  notified: StoredValue<string[]>;
  notify(followUp: FollowUp): Promise<void>;
  createApi?: (serverUrl: string, token: string) => FollowUpsApi;
}

/**
 * The popup's "to call back" list and the waiting line, through the background (it holds the
 * session), and the browser notification of each new voicemail for the reps of numbers that ask for it.
 */
export function createFollowUps(deps: FollowUpDeps) {
  const make = deps.createApi ?? ((serverUrl, token) => createFollowUpsApi({ serverUrl, token }));
  async function api(): Promise<FollowUpsApi> {
    const [session, serverUrl] = await Promise.all([deps.session.getValue(), deps.serverUrl.getValue()]);
    if (!session || !serverUrl) throw new ReplyError('not_signed_in', 'Sign in first');
    return make(serverUrl, session.token);
  }
  async function replying<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw error instanceof ApiError ? new ReplyError(error.code ?? error.kind, error.message, error.params) : error;
    }
  }
  return {
    list: () =>
      replying(async () => {
        const server = await api();
        const [followUps, waitingLine] = await Promise.all([server.list(), server.waitingLine()]);
        return { followUps, waitingLine };
      }),
    complete: (id: string) => replying(async () => (await (await api()).complete(id), null)),
    audio: (id: string) => replying(async () => ({ dataUrl: await dataUrlOf(await (await api()).recording(id)) })),
    /** On each heartbeat: a notification for every voicemail of the rep's numbers not announced yet. */
    async checkVoicemails(): Promise<string[]> {
      const followUps = await (await api()).list();
      const seen = new Set(await deps.notified.getValue());
      const fresh = followUps.filter((followUp) => followUp.kind === 'voicemail' && followUp.notify && followUp.mine && followUp.hasRecording && !seen.has(followUp.id));
      for (const followUp of fresh) await deps.notify(followUp);
      if (fresh.length > 0) await deps.notified.setValue([...seen, ...fresh.map((followUp) => followUp.id)].slice(-500));
      return fresh.map((followUp) => followUp.id);
    },
  };
}

async function dataUrlOf(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return `data:${blob.type || 'audio/mpeg'};base64,${btoa(binary)}`;
}

/** What the notification says, in the rep's language: the caller (their CRM name, else their number) and the line they called. */
export function voicemailNotificationText(followUp: FollowUp, display: RepDisplay) {
  const say = (key: MessageKey, params?: MessageParams) => translate(display.language, key, params);
  const caller = followUp.crmRecord?.['name'] || numberForRep(followUp.callerNumber, display);
  const line = followUp.numberLabel || (followUp.numberCalled ? formatForDisplay(followUp.numberCalled, display.country) : null);
  return {
    title: say('followUps.notification.title', { caller }),
    message: line ? say('followUps.notification.message', { number: line }) : '',
    buttons: [{ title: say('followUps.notification.play') }],
  };
}

/** A notification with the caller and a Play button. */
export async function showVoicemailNotification(followUp: FollowUp, display: RepDisplay): Promise<void> {
  await browser.notifications.create(PREFIX + followUp.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    ...voicemailNotificationText(followUp, display),
  } as never);
}

/** The Play button (or, in Firefox, the notification itself) opens the popup playing that voicemail. */
export function onVoicemailNotification(): void {
  const open = (id: string) => {
    if (!id.startsWith(PREFIX)) return;
    const url = `${browser.runtime.getURL('/popup.html' as PublicPath)}?play=${encodeURIComponent(id.slice(PREFIX.length))}`;
    void browser.windows.create({ url, type: 'popup', width: 380, height: 600 }).catch(() => undefined);
    void browser.notifications.clear(id).catch(() => undefined);
  };
  const onButtonClicked = (browser.notifications as unknown as { onButtonClicked?: { addListener(cb: (id: string) => void): void } }).onButtonClicked;
  onButtonClicked?.addListener(open);
  browser.notifications.onClicked.addListener(open);
}
