import { browser, type PublicPath } from 'wxt/browser';
import type { CallInfo } from '@/phone/call-info';

const PREFIX = 'incoming:';

/**
 * A system notification for an incoming call, used when the active tab has no page card of ours
 * (not a CRM page). Buttons: Accept, Decline. Strings come from public/_locales (manifest i18n).
 */
export async function showIncomingNotification(call: CallInfo): Promise<void> {
  const t = (key: string, subs?: string[]) => browser.i18n.getMessage(key as never, subs) || key;
  const caller = call.number ?? t('anonymousCaller');
  const lines = [
    call.calledLabel ? `→ ${call.calledLabel}${call.calledNumber ? ` (${call.calledNumber})` : ''}` : call.calledNumber,
    call.ivrPath.length ? call.ivrPath.join(' › ') : null,
    call.record ? call.record.name : null,
  ].filter(Boolean);
  await browser.notifications.create(PREFIX + call.callId, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('incomingCallTitle', [caller]),
    message: lines.join('\n') || caller,
    requireInteraction: true,
    priority: 2,
    buttons: [{ title: t('acceptCall') }, { title: t('declineCall') }],
  } as never);
}

export function clearIncomingNotification(callId: string): Promise<unknown> {
  return browser.notifications.clear(PREFIX + callId).catch(() => false);
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
