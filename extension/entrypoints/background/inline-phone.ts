import type { PhoneEvent } from '@/phone/phone-device';
import type { PhoneTransport } from './phone-transport';

/**
 * Firefox has no offscreen documents, but its background is a page with a DOM and WebRTC, so the phone
 * runs right here. The SDK is loaded lazily so it only lands in the Firefox background bundle.
 */
export function inlineTransport(onEvent: (event: PhoneEvent) => void): PhoneTransport {
  let host: Promise<import('@/phone/phone-host').PhoneHost> | null = null;
  const load = async () => {
    const [{ createPhoneHost }, { createTwilioPhoneDevice }] = await Promise.all([
      import('@/phone/phone-host'),
      import('@/phone/twilio-device'),
    ]);
    return createPhoneHost(createTwilioPhoneDevice, onEvent);
  };
  return {
    async open() {
      if (host) return false;
      host = load();
      await host;
      return true;
    },
    isOpen: async () => host !== null,
    send: async (message) => (await (host ?? (host = load()))).handle(message),
    async close() {
      if (!host) return;
      await (await host).handle({ target: 'offscreen', type: 'destroyDevice' });
      host = null;
    },
  };
}
