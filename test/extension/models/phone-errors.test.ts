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

  it.each([
    ['twilio_unreachable', 'ja', 'Twilio に接続できません。'],
    ['offline', 'en', 'You are offline. Go online to call.'],
    ['timed_out', 'ja', '10秒以内に Twilio から応答がありませんでした。'],
    ['no_call', 'en', 'This call is no longer ringing.'],
  ] as const)('a call that did not start (%s) says why in the rep’s language (%s)', (code, language, expected) => {
    uiLanguage.value = language;
    expect(describePhoneError(new BackgroundError(code, 'The call did not start'))).toContain(expected);
  });

  it('never shows a raw runtime error: an error it has no words for is a plain "something went wrong"', () => {
    const channelClosed =
      'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';
    expect(describePhoneError(new BackgroundError('internal', channelClosed))).toBe(
      'Something went wrong. Try again; if it keeps happening, tell your admin.',
    );
    expect(describePhoneError(new Error('plain'))).not.toContain('plain');
  });
});
