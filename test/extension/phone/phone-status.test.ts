import { describe, expect, it } from 'vitest';
import { translate } from '@/locales/i18n';
import { phoneStatus, phoneStatusSchema, phoneStatusText, problemForTwilioError, type PhoneStatusInputs } from '@/phone/phone-status';

const base: PhoneStatusInputs = { signedIn: true, wantsOnline: true, registration: 'registered', problem: null };

describe('the phone status the rep sees', () => {
  it.each<[string, Partial<PhoneStatusInputs>, string]>([
    ['signed out', { signedIn: false }, 'offline'],
    ['switched offline', { wantsOnline: false }, 'offline'],
    ['registered with Twilio', {}, 'ready'],
    ['still registering', { registration: 'registering' }, 'connecting'],
    ['microphone blocked', { problem: 'microphone' }, 'no-microphone'],
    ['server down even though registered', { problem: 'server' }, 'server-unreachable'],
    ['Twilio unreachable, not registered', { registration: 'unregistered', problem: 'twilio' }, 'twilio-unreachable'],
    ['a Twilio warning while still registered', { problem: 'twilio' }, 'ready'],
  ])('%s → %s', (_name, inputs, expected) => {
    expect(phoneStatus({ ...base, ...inputs })).toBe(expected);
  });

  it.each(phoneStatusSchema.options)('"%s" has a label and a "what to do" text in both languages', (status) => {
    const { label, help } = phoneStatusText(status);
    for (const key of [label, help]) {
      expect(translate('ja', key)).not.toBe(translate('en', key));
      expect(translate('en', key).trim()).not.toBe('');
    }
  });

  it.each([
    [31401, 'microphone'],
    [31402, 'microphone'],
    [20104, 'token'],
    [31205, 'token'],
    [20101, 'token'],
    [31005, 'twilio'],
    [53000, 'twilio'],
  ])('Twilio error %i is a %s problem', (code, problem) => {
    expect(problemForTwilioError(code)).toBe(problem);
  });
});
