import { describe, expect, it } from 'vitest';
import { ApiError, type ApiClient } from '@/api/client';
import { checkSetup } from '@/entrypoints/background/setup-check';
import { translate } from '@/locales/i18n';

type Api = Pick<ApiClient, 'me' | 'token'>;
const me = (outgoingNumber: string | null) => async () =>
  ({ user: { id: 'u', name: 'n', email: 'e', role: 'rep' }, outgoingNumber, presence: { available: true, onCall: false } });
const token = async () => ({ token: 'jwt', identity: 'u', ttl: 3600 });
const working: Api = { me: me('+81501234567'), token };

function run(overrides: { signedIn?: boolean; api?: Partial<Api> | null; registered?: boolean; microphone?: PermissionState | 'unknown' } = {}) {
  const api = overrides.api === null ? null : ({ ...working, ...overrides.api } as unknown as ApiClient);
  return checkSetup({
    signedIn: overrides.signedIn ?? true,
    api,
    registered: overrides.registered ?? true,
    microphone: async () => overrides.microphone ?? 'granted',
  });
}

describe('"Why can’t I call?" in the background', () => {
  it('passes every link of a working phone', async () => {
    expect((await run()).steps.map((step) => [step.step, step.ok])).toEqual([
      ['signedIn', true], ['microphone', true], ['server', true], ['token', true], ['registered', true], ['outgoingNumber', true],
    ]);
  });

  it.each([
    ['signed out', { signedIn: false, api: null }, 'signedIn', 'check.signed-in.fix'],
    ['microphone never allowed', { microphone: 'prompt' as const }, 'microphone', 'check.microphone.fix'],
    ['microphone blocked', { microphone: 'denied' as const }, 'microphone', 'check.microphone.fix'],
    ['server down', { api: { me: () => Promise.reject(new ApiError('unreachable', 'down')) } }, 'server', 'check.server.fix'],
    ['Twilio not set up', { api: { token: () => Promise.reject(new ApiError('not_configured', 'no', 409, 'twilio_not_configured')) } }, 'token', 'check.token.twilioNotConfigured.fix'],
    ['token refused', { api: { token: () => Promise.reject(new ApiError('http', 'boom', 500)) } }, 'token', 'check.token.fix'],
    ['offline', { registered: false }, 'registered', 'check.device.fix'],
    ['no outgoing number', { api: { me: me(null) } }, 'outgoingNumber', 'check.outgoing-number.fix'],
  ])('stops at the first broken link: %s', async (_name, overrides, step, fix) => {
    const { steps } = await run(overrides);
    expect(steps.at(-1)).toEqual({ step, ok: false, fix });
    expect(steps.slice(0, -1).every((earlier) => earlier.ok)).toBe(true);
    expect(translate('ja', steps.at(-1)!.fix!)).not.toBe(steps.at(-1)!.fix);
  });
});
