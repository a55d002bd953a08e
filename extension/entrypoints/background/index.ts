import { browser, type PublicPath } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createApiClient } from '@/api/client';
import { extensionIdentity } from '@/messaging/identity';
import { routeBackgroundMessages, runtimeOnMessage, ReplyError } from '@/messaging/router';
import { repDisplay } from '@/models/rep-display';
import * as stored from '@/storage/items';
import { activeTabHasOurCard, broadcastState, forContentScript } from './broadcast';
import { clearIncomingNotification, createIncomingNotifications, onIncomingNotificationButton, openDialer } from './incoming-notification';
import { inlineTransport } from './inline-phone';
import { offscreenTransport } from './offscreen-document';
import { createPhoneController } from './phone-controller';
import { injectPageUi } from './page-ui-injection';
import { openOrFocusRecord } from './record-tab';
import { checkSetup, microphonePermission } from './setup-check';
import { createFollowUps, onVoicemailNotification, showVoicemailNotification } from './follow-ups';
import { syncEnabledSites, watchEnabledSites } from './generic-sites';
import { assertServerAllowed, followManagedPolicy } from './managed-policy';

const HEARTBEAT_ALARM = 'presence-heartbeat';

/**
 * Right after install the browser may still be opening its first window, and a tab opened then can be
 * lost: open the options page in a tab, and check a moment later that it is there.
 */
async function openOptionsSoon(attempts = 5): Promise<void> {
  const url = browser.runtime.getURL('/options.html' as PublicPath);
  await browser.tabs.create({ url }).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const open = await browser.tabs.query({ url }).catch(() => []);
  const contexts = (globalThis as { chrome?: { runtime?: { getContexts?: (f: object) => Promise<unknown[]> } } }).chrome?.runtime;
  const shown = open.length > 0 || (await contexts?.getContexts?.({ contextTypes: ['TAB'], documentUrls: [url] }))?.length;
  if (!shown && attempts > 1) await openOptionsSoon(attempts - 1);
}

export default defineBackground(() => {
  // Read at each use: the rep may have changed their language or country since the worker started.
  const display = async () =>
    repDisplay({ languageOverride: await stored.languageOverride.getValue(), defaultCountry: await stored.defaultCountry.getValue() }, browser.i18n.getUILanguage());
  const audioChoice = async () => ({ ...(await stored.audioDevices.getValue()), ringtoneVolume: await stored.ringtoneVolume.getValue() });

  const notifications = createIncomingNotifications({
    phone: { calls: () => phone.calls(), accept: (callId) => answer(callId), decline: (callId) => decline(callId) },
    activeTabHasCard: () => activeTabHasOurCard(phone.hasSubscriber),
    display,
  });

  const phone = createPhoneController({
    // Chrome: the phone lives in an offscreen document. Firefox (no offscreen API): in this background page.
    transport: import.meta.env.FIREFOX ? inlineTransport((event) => void phone.onPhoneEvent(event)) : offscreenTransport(),
    createApi: (serverUrl, token) => createApiClient({ serverUrl, token }),
    session: stored.session,
    serverUrl: stored.serverUrl,
    wantsOnline: stored.wantsOnline,
    memory: stored.phoneMemory,
    wrapUpDraft: stored.wrapUpDraft,
    audioChoice,
    broadcast(state, tabs) {
      // A notification goes with its call, however the call ended (missed, taken by another rep, failed…).
      void notifications.onState(state.calls);
      return broadcastState(state, tabs);
    },
    onIncoming: (call, calls) => void notifications.onIncoming(call, calls).catch(() => undefined),
    onAnswered(call) {
      void clearIncomingNotification(call.callId);
      // Not for a supervisor's monitoring leg: listening in does not take over their screen.
      if (call.direction === 'incoming' && call.record && call.invite?.purpose !== 'monitor') void openOrFocusRecord(call.record).catch(() => undefined);
    },
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    // The options page's choice, else the browser's language (as the UI picks it: Japanese or English).
    language: async () => ((await display()).language === 'ja' ? 'ja-JP' : 'en-US'),
  });

  const followUps = createFollowUps({
    session: stored.session,
    serverUrl: stored.serverUrl,
    notified: stored.notifiedVoicemails,
    notify: async (followUp) => showVoicemailNotification(followUp, await display()),
  });

  // Accept on a card, on a notification, or by shortcut: the controller checks the call still rings and
  // that it connects within the start deadline.
  const answer = async (callId?: string) => (await phone.accept(callId), null);
  const decline = async (callId?: string) => {
    const id = callId ?? (await phone.ringingCallId());
    if (!id) throw new ReplyError('no_call', 'No call is ringing');
    await clearIncomingNotification(id);
    await phone.command({ type: 'reject', callId: id });
    return null;
  };

  routeBackgroundMessages(runtimeOnMessage(), extensionIdentity(browser), {
    async getState(_message, { kind, sender }) {
      if (kind === 'content-script' && sender.tab?.id !== undefined) await phone.subscribe(sender.tab.id);
      const state = await phone.state();
      return kind === 'content-script' ? forContentScript(state) : state;
    },
    // The launcher was opened, or a call needs its card on this page: the Preact UI comes now.
    async loadPageUi(_message, { sender }) {
      if (sender.tab?.id !== undefined) await phone.subscribe(sender.tab.id);
      await injectPageUi(sender);
      return null;
    },
    async dial({ to, record }, { kind, sender }) {
      if (kind === 'content-script' && sender.tab?.id !== undefined) await phone.subscribe(sender.tab.id);
      return phone.dial(to, record);
    },
    signIn: async ({ serverUrl, email, password }) => (await assertServerAllowed(serverUrl), phone.signIn(serverUrl, email, password)),
    acceptInvite: async ({ serverUrl, token, password, name }) =>
      (await assertServerAllowed(serverUrl), phone.acceptInvite(serverUrl, token, password, name)),
    async signOut() {
      await browser.alarms.clear(HEARTBEAT_ALARM);
      await phone.signOut();
      return null;
    },
    async setOnline({ online }) {
      if (online) await browser.alarms.create(HEARTBEAT_ALARM, { periodInMinutes: 0.5 });
      else await browser.alarms.clear(HEARTBEAT_ALARM);
      return phone.setOnline(online);
    },
    accept: ({ callId }) => answer(callId),
    reject: ({ callId }) => decline(callId),
    hangUp: async () => (await phone.hangUp(), null),
    mute: async ({ muted }) => (await phone.command({ type: 'mute', muted }), null),
    sendDigits: async ({ digits }) => (await phone.command({ type: 'sendDigits', digits }), null),
    checkSetup: async () => checkSetup(await phone.setupFacts(microphonePermission)),
    dismissCallProblem: async () => (await phone.dismissCallProblem(), null),
    finishWrapUp: async ({ note, disposition, keep }) => (await phone.finishWrapUp(note, disposition, keep), null),
    recentCalls: ({ limit }) => phone.recentCalls(limit ?? 20),
    phoneEvent: async ({ event }) => (await phone.onPhoneEvent(event), null),
    // Call control: always the call being talked on (room-control.ts refuses any other CallSid).
    hold: ({ callSid }) => phone.controlCall(callSid, { kind: 'hold' }),
    resume: ({ callSid }) => phone.controlCall(callSid, { kind: 'resume' }),
    leaveCall: ({ callSid }) => phone.controlCall(callSid, { kind: 'leave' }),
    transfer: ({ callSid, to, mode, note }) => phone.controlCall(callSid, { kind: 'transfer', to, mode, ...(note ? { note } : {}) }),
    completeTransfer: ({ callSid }) => phone.controlCall(callSid, { kind: 'complete-transfer' }),
    cancelTransfer: ({ callSid }) => phone.controlCall(callSid, { kind: 'cancel-transfer' }),
    pauseRecording: ({ callSid }) => phone.controlCall(callSid, { kind: 'pause-recording' }),
    resumeRecording: ({ callSid }) => phone.controlCall(callSid, { kind: 'resume-recording' }),
    addParty: ({ callSid, to }) => phone.controlCall(callSid, { kind: 'add', to }),
    listColleagues: ({ q }) => phone.colleagues(q ?? ''),
    monitor: ({ callSid, mode }) => phone.monitor(callSid, mode),
    stopMonitor: ({ callSid }) => phone.stopMonitor(callSid),
    listLiveCalls: () => phone.liveCalls(),
    followUps: () => followUps.list(),
    completeFollowUp: ({ id }) => followUps.complete(id),
    voicemailAudio: ({ id }) => followUps.audio(id),
  });

  // Service-worker timers die with the worker; alarms wake it up again.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === HEARTBEAT_ALARM) {
      void phone.heartbeat();
      void followUps.checkVoicemails().catch(() => undefined);
    }
  });

  stored.audioDevices.watch(() => void sendAudio());
  stored.ringtoneVolume.watch(() => void sendAudio());
  const sendAudio = async () => {
    const audio = await audioChoice();
    await phone.command({ type: 'setAudioDevices', audio }).catch(() => undefined);
  };

  onVoicemailNotification();
  onIncomingNotificationButton((callId, action) => void notifications.press(callId, action).catch(() => undefined));

  browser.commands.onCommand.addListener((command) => void onShortcut(command).catch(() => undefined));
  const onShortcut = async (command: string) => {
    // First, before any await: opening the popup needs the key press's user gesture.
    if (command === 'open-dialer') return openDialer();
    if (command === 'transfer') {
      // The popup opens with its transfer panel (it reads the intent as it starts).
      void stored.popupIntent.setValue({ kind: 'transfer', at: Date.now() });
      return openDialer();
    }
    const calls = await phone.calls();
    if (command === 'hold-resume') await phone.toggleHold();
    if (command === 'answer') await answer();
    if (command === 'hang-up') {
      const ringing = await phone.ringingCallId();
      if (calls.current.kind === 'incoming' && ringing) await decline(ringing);
      else await phone.hangUp();
    }
    if (command === 'mute' && calls.current.kind === 'in-call') await phone.command({ type: 'mute', muted: !calls.current.muted });
  };

  watchEnabledSites();
  followManagedPolicy(() => phone.signOut());

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void openOptionsSoon();
    void syncEnabledSites().catch(() => undefined);
  });

  // Closing the browser ends storage.session, so a fresh start is offline; a worker restart keeps going.
  browser.runtime.onStartup.addListener(() => void stored.wantsOnline.setValue(false));
});
