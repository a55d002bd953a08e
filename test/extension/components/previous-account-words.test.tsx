import { afterEach, describe, expect, it } from 'vitest';
import { PreviousAccountNotice } from '@/components/options/previous-account-notice';
import { uiLanguage, type UiLanguage } from '@/locales/i18n';
import type { PreviousAccount } from '@/models/admin-schemas';
import { renderUi } from './render';

const OLD = `AC${'1'.repeat(32)}`;

function notice(language: UiLanguage, cleanup: Partial<PreviousAccount['cleanup']>) {
  uiLanguage.value = language;
  const previous = { accountSid: OLD, cleanup: { apiKeyDeleted: true, twimlAppDeleted: true, numbersRestored: 0, ...cleanup } } as PreviousAccount;
  return renderUi(<PreviousAccountNotice previous={previous} />).container;
}

describe('what became of the previous Twilio account, in words and numbers people read', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('says “1 of its numbers has” in English, not “have”', () => {
    expect(notice('en', { numbersRestored: 1 }).querySelector('[role="status"]')?.textContent).toBe(
      `Tidied up the previous account ${OLD}: the API key and TwiML App Yobidashi had created there are deleted, and 1 of its numbers has its earlier call settings back.`,
    );
  });

  it.each([
    ['ja', 'このサーバーに着信を送り続けている番号（このサーバーではもう受けられません）：03-1234-5678、06-1234-5678'],
    ['en', 'Numbers that still send their calls to this server, which now refuses them: 03-1234-5678 and 06-1234-5678'],
  ] as const)('lists the numbers still pointing here as the org writes them (%s)', (language, line) => {
    const container = notice(language, {
      problem: { code: 'twilio_unavailable', message: 'Twilio is having a problem right now.' },
      left: { apiKeySid: null, twimlAppSid: null, numbers: ['+81312345678', '+81612345678'] },
    });
    expect([...container.querySelectorAll('li')].map((item) => item.textContent)).toEqual([line]);
  });
});
