import { browser, type PublicPath } from 'wxt/browser';
import { translate, type MessageKey, type MessageParams } from '@/locales/i18n';
import { formatForDisplay } from '@/models/phone-number-format';
import { numberForRep, type RepDisplay } from '@/models/rep-display';
import type { CallInfo } from '@/phone/call-info';
import { ringingCalls, type PhoneCalls } from '@/phone/call-state';

const PREFIX = 'incoming:';

/** What the notification says, in the rep's language, with numbers as they read them (03-1234-5678). */
export function incomingNotificationText(call: CallInfo, display: RepDisplay) {
  const say = (key: MessageKey, params?: MessageParams) => translate(display.language, key, params);
  const caller = numberForRep(call.number, display);
  const called = call.calledNumber ? formatForDisplay(call.calledNumber, display.country) : null;
  const lines = [
    call.calledLabel ? `→ ${call.calledLabel}${called ? ` (${called})` : ''}` : called,
    call.ivrPath.length ? call.ivrPath.join(' › ') : null,
    call.record ? call.record.name : null,
  ].filter(Boolean);
  return {
    title: say('call.notification', { caller }),
    message: lines.join('\n') || caller,
    buttons: [{ title: say('call.accept') }, { title: say('call.decline') }],
  };
}

/**
 * A system notification for an incoming call, used when the active tab has no page card of ours
 * (not a CRM page). Buttons: Accept, Decline.
 */
export async function showIncomingNotification(call: CallInfo, display: RepDisplay): Promise<void> {
  await browser.notifications.create(PREFIX + call.callId, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    ...incomingNotificationText(call, display),
    requireInteraction: true,
    priority: 2,
  } as never);
}

export function clearIncomingNotification(callId: string): Promise<unknown> {
  return browser.notifications.clear(PREFIX + callId).catch(() => false);
}

/**
 * The incoming-call notifications, among these notification ids, whose call no longer rings: answered,
 * declined, missed, taken by another rep, or failed to connect.
 */
export function notificationsOfCallsGone(notificationIds: readonly string[], calls: PhoneCalls): string[] {
  const ringing = new Set(ringingCalls(calls).map((call) => PREFIX + call.callId));
  return notificationIds.filter((id) => id.startsWith(PREFIX) && !ringing.has(id));
}

/**
 * Takes away the notification of every call that no longer rings. Asked of the browser rather than
 * remembered: the notifications (requireInteraction) outlive the service worker.
 */
async function clearNotificationsOfCallsGone(calls: PhoneCalls): Promise<void> {
  const shown = Object.keys(await browser.notifications.getAll().catch(() => ({})));
  await Promise.all(notificationsOfCallsGone(shown, calls).map((id) => browser.notifications.clear(id).catch(() => false)));
}

export interface IncomingNotificationDeps {
  phone: {
    calls(): Promise<PhoneCalls>;
    accept(callId: string): Promise<unknown>;
    decline(callId: string): Promise<unknown>;
  };
  /** Whether the active tab shows our page card, which is then enough. */
  activeTabHasCard: () => Promise<boolean>;
  display: () => Promise<RepDisplay>;
}

/**
 * The system notification of each incoming call: shown while it rings when the active tab has no card
 * of ours, and gone with its call however the call ends.
 */
export function createIncomingNotifications({ phone, activeTabHasCard, display }: IncomingNotificationDeps) {
  return {
    /** The controller's `onIncoming`. */
    async onIncoming(call: CallInfo, calls: PhoneCalls): Promise<void> {
      if (!ringingCalls(calls).some((ringing) => ringing.callId === call.callId)) return;
      const [hasCard, shown] = await Promise.all([activeTabHasCard(), display()]);
      if (hasCard) return;
      await showIncomingNotification(call, shown);
      // The caller may have hung up while it was being shown.
      await clearNotificationsOfCallsGone(await phone.calls());
    },

    /** Every state the controller publishes: each change of the calls passes here. */
    onState: (calls: PhoneCalls): Promise<void> => clearNotificationsOfCallsGone(calls),

    /**
     * Accept or Decline on a notification. The button of a call that no longer rings (it ended a moment
     * ago, or while the worker slept) takes its notification away and says nothing more: the popup and
     * the page's card show what became of the call, and no error speaks of a phone that is fine.
     */
    async press(callId: string, action: 'accept' | 'reject'): Promise<void> {
      try {
        await (action === 'accept' ? phone.accept(callId) : phone.decline(callId));
      } catch {
        await clearNotificationsOfCallsGone(await phone.calls());
      }
    },
  };
}

export function onIncomingNotificationButton(handler: (callId: string, action: 'accept' | 'reject') => void): void {
  const onButtonClicked = (browser.notifications as unknown as {
    onButtonClicked?: { addListener(cb: (id: string, index: number) => void): void };
  }).onButtonClicked;
  // Firefox has no notification buttons; clicking the notification opens the popup instead.
  onButtonClicked?.addListener((id, index) => {
    if (id.startsWith(PREFIX)) handler(id.slice(PREFIX.length), index === 0 ? 'accept' : 'reject');
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith(PREFIX)) void openDialer();
  });
}

/** The popup when the browser lets us open it, else the same page in a small window. */
export async function openDialer(): Promise<void> {
  const action = (browser.action ?? browser.browserAction) as { openPopup?: () => Promise<void> };
  try {
    if (action.openPopup) return await action.openPopup();
  } catch {
    // No focused window or not allowed without a gesture on this version.
  }
  await browser.windows.create({ url: browser.runtime.getURL('/popup.html' as PublicPath), type: 'popup', width: 380, height: 600 });
}
