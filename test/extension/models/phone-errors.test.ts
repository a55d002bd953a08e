import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundError } from '@/messaging/client';
import { uiLanguage } from '@/locales/i18n';
import { describePhoneError } from '@/models/phone-model';

describe('errors the rep sees in the dialer', () => {
  afterEach(() => (uiLanguage.value = 'en'));

  it.each([
    ['twilio_not_configured', 'ja', 'サーバーで Twilio がまだ設定されていません。管理者に Twilio の設定を完了するよう依頼してください。'],
    ['twilio_not_configured', 'en', 'Twilio is not set up on the server yet: ask your admin to finish the Twilio setup.'],
    ['not_signed_in', 'ja', 'セッションが切れました。もう一度サインインしてください。'],
    ['server_unreachable', 'en', 'Cannot reach the server. Check your network.'],
  ] as const)('%s is told in the rep’s language (%s), not in the server’s English', (code, language, expected) => {
    uiLanguage.value = language;
    expect(describePhoneError(new BackgroundError(code, 'Calling is not set up yet: an administrator needs…'))).toBe(expected);
  });

  it('keeps the message of an error it has no words for', () => {
    expect(describePhoneError(new BackgroundError('dial_failed', 'Microphone busy'))).toBe('Microphone busy');
    expect(describePhoneError(new Error('plain'))).toBe('plain');
  });
});
