import { describe, expect, it } from 'vitest';
import { issueText } from '../../../extension/locales/api-error-text.ts';
import { checkAudioFiles } from '../../../server/phone-config/audio-rules.ts';
import { validatePhoneConfig } from '../../../server/phone-config/validate.ts';
import { problems } from './documents.ts';

/**
 * The recording announcement (`settings.recordingNotice`): off unless switched on; the admin's own
 * text meets the limits of every other spoken text, counted in the voices that will speak it (every
 * recorded number's, and the org's default voice for the people reps call).
 */
const users = [{ id: 'sato', name: '佐藤', email: 'sato@example.jp', role: 'admin' }];
const number = (extra: Record<string, unknown> = {}) => ({ number: '03-1234-5678', route: { type: 'ring', users: ['sato'], strategy: 'simultaneous' }, ...extra });
const withNotice = (recordingNotice: unknown, incoming = [number({ record: true })]) => ({ users, incoming, settings: { recordingNotice } });
const japanese = (length: number) => 'この通話は品質向上のため録音させていただきます。'.repeat(40).slice(0, length);

describe('the recording notice setting', () => {
  it('is off when absent: a document without it is stored without it', () => {
    const result = validatePhoneConfig({ users, incoming: [number({ record: true })] });
    expect(result.ok && result.config.settings.recordingNotice).toBeUndefined();
  });

  it('takes "on" alone (the default sentence), or the admin’s own text or audio file', () => {
    expect(problems(withNotice({ enabled: true }))).toEqual([]);
    expect(problems(withNotice({ enabled: true, message: { type: 'text', text: 'この通話は録音されます。' } }))).toEqual([]);
    expect(problems(withNotice({ enabled: false, message: { type: 'audio', audioId: 'notice' } }))).toEqual([]);
  });

  it('refuses a text Twilio could not speak at its field, in Japanese and English', () => {
    const result = validatePhoneConfig(withNotice({ enabled: true, message: { type: 'text', text: japanese(600) } }));
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'settings.recordingNotice.message.text', code: 'say_too_long', params: { over: 100 }, message: 'too long for Twilio to speak in one go: shorten it by at least 100 characters' },
    ]);
    const [issue] = result.ok ? [] : result.issues;
    expect(issueText('ja', issue!)).toBe('Twilio で読み上げるには長すぎます。100文字以上短くしてください。');
    expect(issueText('en', issue!)).toBe('Too long for Twilio to read out: shorten it by at least 100 characters.');
  });

  it('counts in the strictest voice that speaks it: the org’s own, for the people reps call, though the recorded number could say more', () => {
    // 3,002 UTF-8 bytes: one emoji too many for Polly's 3,000, well within Google's 5,000.
    const text = `${'a'.repeat(2990)}🙂🙂🙂`;
    const document = {
      users,
      settings: { defaultCountry: 'US', recordingNotice: { enabled: true, message: { type: 'text', text } } },
      incoming: [number({ number: '+12025550100', voice: { language: 'en-US', voice: 'Google.en-US-Wavenet-A' }, record: true })],
    };
    expect(problems(document)).toEqual(['settings.recordingNotice.message.text: too long for Twilio to speak in one go: shorten it by at least 1 characters']);
  });

  it('refuses an empty text and an unknown key at their paths, and nothing is applied', () => {
    expect(problems(withNotice({ enabled: true, message: { type: 'text', text: '  ' } }))).toEqual([
      expect.stringMatching(/^settings\.recordingNotice\.message\.text: /),
    ]);
    expect(problems(withNotice({ enabled: 'yes' }))).toEqual([expect.stringMatching(/^settings\.recordingNotice\.enabled: /)]);
    expect(problems(withNotice({ enabled: true, text: 'x' }))).toEqual(['settings.recordingNotice.text: unknown field(s): text']);
  });

  it('names an uploaded file this server does not have, as for every other audio prompt', () => {
    const document = withNotice({ enabled: true, message: { type: 'audio', audioId: 'gone' } });
    expect(checkAudioFiles(document, new Set()).map(({ path, code }) => [path, code])).toEqual([['settings.recordingNotice.message.audioId', 'audio_not_found']]);
  });
});
