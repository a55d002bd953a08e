import { browser } from 'wxt/browser';
import { reportPhoneEvent } from '@/messaging/client';
import { routeOffscreenMessages, runtimeOnMessage } from '@/messaging/router';
import { extensionIdentity } from '@/messaging/identity';
import { createPhoneHost } from '@/phone/phone-host';
import { createTwilioPhoneDevice } from '@/phone/twilio-device';

// The offscreen document: the one place with WebRTC, the microphone and the Twilio SDK.
const host = createPhoneHost(createTwilioPhoneDevice, (event) => void reportPhoneEvent(event));
routeOffscreenMessages(runtimeOnMessage(), extensionIdentity(browser), host.handle);

// Watchdog: a registration that died while the page was frozen is restored without waiting for the
// background's next heartbeat.
setInterval(() => void host.handle({ target: 'offscreen', type: 'ensureRegistered' }), 30_000);
