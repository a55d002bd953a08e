/**
 * The recording announcement's default sentence, per caller language: spoken to a recorded call's
 * customer by the server, shown in the options page as what callers hear when the admin writes
 * nothing. One definition for both halves (the extension imports this file too). Pure constants only.
 */

/** The languages callers can be answered in (the phone configuration's `voice.language`). */
export type NoticeLanguage = 'ja-JP' | 'en-US' | 'en-GB' | 'en-AU';

const JAPANESE = 'この通話は品質向上のため録音させていただきます。';
const ENGLISH = 'This call may be recorded for quality purposes.';

export const DEFAULT_RECORDING_NOTICES: Readonly<Record<NoticeLanguage, string>> = {
  'ja-JP': JAPANESE,
  'en-US': ENGLISH,
  'en-GB': ENGLISH,
  'en-AU': ENGLISH,
};

export function defaultRecordingNotice(language: NoticeLanguage): string {
  return DEFAULT_RECORDING_NOTICES[language];
}
