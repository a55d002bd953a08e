import { describe, expect, it } from 'vitest';
import { checkSetup, type SetupFacts } from '@/entrypoints/background/setup-check';
import { translate } from '@/locales/i18n';
import { phoneStatusText } from '@/phone/phone-status';

/** A rep whose phone works: signed in, microphone allowed, online, registered, with an outgoing number. */
const working: SetupFacts = {
  signedIn: true,
  microphone: 'granted',
  server: 'ok',
  token: 'ok',
  online: true,
  status: 'ready',
  outgoingNumber: '+81501234567',
};

describe('"Why can’t I call?" in the background', () => {
  it('passes every link of a working phone', () => {
    expect(checkSetup(working).steps.map((step) => [step.step, step.ok])).toEqual([
      ['signedIn', true], ['microphone', true], ['server', true], ['token', true], ['online', true], ['twilio', true], ['outgoingNumber', true],
    ]);
  });

  it.each<[string, Partial<SetupFacts>, string, string]>([
    ['signed out', { signedIn: false, server: null, token: null, online: false, status: 'offline' }, 'signedIn', 'check.signed-in.fix'],
    ['microphone never allowed', { microphone: 'prompt' }, 'microphone', 'check.microphone.fix'],
    ['microphone blocked', { microphone: 'denied' }, 'microphone', 'check.microphone.fix'],
    ['microphone allowed but unusable (Twilio 31402)', { status: 'no-microphone' }, 'microphone', 'check.microphone.device.fix'],
    ['server down', { server: 'failed', token: null, status: 'server-unreachable' }, 'server', 'check.server.fix'],
    ['Twilio not set up', { token: 'not-configured' }, 'token', 'check.token.twilioNotConfigured.fix'],
    ['token refused', { token: 'failed' }, 'token', 'check.token.fix'],
    ['offline', { online: false, status: 'offline' }, 'online', 'check.online.fix'],
    ['online, Twilio unreachable', { status: 'twilio-unreachable' }, 'twilio', 'check.device.fix'],
    ['online, still connecting', { status: 'connecting' }, 'twilio', 'check.device.connecting.fix'],
    ['no outgoing number', { outgoingNumber: null }, 'outgoingNumber', 'check.outgoing-number.fix'],
  ])('stops at the first broken link with its own cause: %s', (_name, facts, step, fix) => {
    const { steps } = checkSetup({ ...working, ...facts });
    expect(steps.at(-1)).toEqual({ step, ok: false, fix });
    expect(steps.slice(0, -1).every((earlier) => earlier.ok)).toBe(true);
    expect(translate('ja', steps.at(-1)!.fix as never)).not.toBe(steps.at(-1)!.fix);
  });

  it('never tells a rep who is online to go online: with Twilio unreachable it names Twilio, as the header does', () => {
    const facts: SetupFacts = { ...working, status: 'twilio-unreachable' };
    const fix = checkSetup(facts).steps.at(-1)!.fix!;
    const header = translate('ja', phoneStatusText(facts.status).label);
    expect(header).toBe('Twilio に接続できません');
    expect(translate('ja', fix as never)).toContain('Twilio に接続できません');
    expect(translate('ja', fix as never)).not.toContain('オンラインにしてください');
    expect(translate('en', fix as never)).toMatch(/firewall.*status\.twilio\.com/);
  });
});
