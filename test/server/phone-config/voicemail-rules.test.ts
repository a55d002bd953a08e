import { describe, expect, it } from 'vitest';
import { validatePhoneConfig } from '../../../server/phone-config/validate.ts';
import { issueText } from '../../../extension/locales/api-error-text.ts';
import { changed, exampleDocument, problems, type Doc } from './documents.ts';

const withLength = (seconds: unknown) => changed((doc: Doc) => { doc.incoming[0].voicemailMaxSeconds = seconds; });
const FIELD = 'incoming[0].voicemailMaxSeconds';

describe('the longest voicemail of a number', () => {
  it.each([10, 60, 300, 3600])('accepts %i seconds and stores it', (seconds) => {
    const result = validatePhoneConfig(withLength(seconds));
    expect(result.ok && result.config.incoming[0]?.voicemailMaxSeconds).toBe(seconds);
  });

  it('gives a number saved or imported without it the 2 minutes every number had', () => {
    const result = validatePhoneConfig(exampleDocument());
    expect(result.ok && result.config.incoming.map((number) => number.voicemailMaxSeconds)).toEqual([120, 120]);
  });

  it.each([
    ['9 seconds', 9, [`${FIELD}: the longest voicemail is 10 to 3600 seconds`]],
    ['0', 0, [`${FIELD}: the longest voicemail is 10 to 3600 seconds`]],
    ['more than Twilio records without being told (an hour)', 3601, [`${FIELD}: the longest voicemail is 10 to 3600 seconds`]],
    ['a fraction', 90.5, [`${FIELD}: must be a whole number`]],
    ['text', '120', [`${FIELD}: must be a number`]],
  ])('refuses %s, naming the field', (_case, seconds, expected) => {
    expect(problems(withLength(seconds))).toEqual(expected);
  });

  it('says the range at the field in Japanese and in English', () => {
    const result = validatePhoneConfig(withLength(7200));
    const issue = !result.ok ? result.issues[0] : undefined;
    expect(issue).toMatchObject({ path: FIELD, code: 'voicemail_length_range', params: { min: 10, max: 3600 } });
    expect(issueText('ja', issue!)).toBe('留守番電話の最長録音時間は 10秒〜1時間の範囲で指定してください。');
    expect(issueText('en', issue!)).toBe('The longest voicemail must be from 10 seconds to 1 hour.');
  });
});
