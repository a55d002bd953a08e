import { afterEach, describe, expect, it, vi } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { TwilioSection } from '@/components/options/twilio-section';
import type { TwilioAccount } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { fakeAdminApi } from './fake-admin-api';
import { button, click, field, flush, renderUi, type } from './render';

const OLD = `AC${'1'.repeat(32)}`;
const NEW = `AC${'4'.repeat(32)}`;
const OLD_KEY = `SK${'5'.repeat(32)}`;
const OLD_APP = `AP${'6'.repeat(32)}`;
const OLD_ACCOUNT = {
  configured: true, accountSid: OLD, friendlyName: '旧アカウント', status: 'active' as const, type: 'Full' as const,
  authToken: '••••1a1a', apiKeySid: OLD_KEY, twimlAppSid: OLD_APP,
};
/** The server's answer to a switch (PUT /api/twilio/account), with how tidying the old account went. */
const switched = (cleanup: Record<string, unknown>): TwilioAccount => ({
  configured: true, accountSid: NEW, friendlyName: '新アカウント', status: 'active', type: 'Full',
  authToken: '••••9f9f', apiKeySid: `SK${'2'.repeat(32)}`, twimlAppSid: `AP${'3'.repeat(32)}`,
  previousAccount: { accountSid: OLD, cleanup: { apiKeyDeleted: false, twimlAppDeleted: false, numbersRestored: 0, ...cleanup } },
}) as TwilioAccount;

const labels = {
  ja: { change: '認証情報を変更', sid: 'アカウント SID', save: '確認して保存' },
  en: { change: 'Change credentials', sid: 'Account SID', save: 'Verify and save' },
};

async function switchAccount(language: 'ja' | 'en', answer: TwilioAccount) {
  uiLanguage.value = language;
  const connectTwilio = vi.fn(async () => answer);
  const { container } = renderUi(<TwilioSection api={fakeAdminApi({ connectTwilio, getTwilio: async () => OLD_ACCOUNT })} />);
  await flush();
  await click(button(container, labels[language].change));
  await type(field(container, labels[language].sid), NEW);
  await type(field(container, 'Auth Token'), '9f'.repeat(16));
  await click(button(container, labels[language].save));
  await flush();
  expect(connectTwilio).toHaveBeenCalled();
  return container;
}

describe('step 1: switching to another Twilio account', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    [
      'ja',
      `アカウントは切り替わりましたが、以前のアカウント ${OLD} の後片付けができませんでした。理由：Auth Token が変更または無効化されています。`,
      [
        `API キー「Yobidashi voice tokens」${OLD_KEY}`,
        `TwiML アプリ「Yobidashi outgoing calls」${OLD_APP}`,
        'このサーバーに着信を送り続けている番号（このサーバーではもう受けられません）：03-1234-5678、06-1234-5678',
      ],
    ],
    [
      'en',
      `Switched accounts, but the previous account ${OLD} could not be tidied up: its Auth Token no longer works (changed or revoked).`,
      [
        `API key “Yobidashi voice tokens” ${OLD_KEY}`,
        `TwiML App “Yobidashi outgoing calls” ${OLD_APP}`,
        'Numbers that still send their calls to this server, which now refuses them: 03-1234-5678 and 06-1234-5678',
      ],
    ],
  ] as const)('names the old account and what stays there when it could not be tidied (%s)', async (language, headline, items) => {
    const container = await switchAccount(language, switched({
      problem: { code: 'twilio_auth_failed', message: 'Twilio rejected the Account SID or Auth Token.' },
      left: { apiKeySid: OLD_KEY, twimlAppSid: OLD_APP, numbers: ['+81312345678', '+81612345678'] },
    }));
    const notice = container.querySelector('[data-testid="previous-account"]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.querySelector('p')?.textContent).toBe(headline);
    expect([...notice.querySelectorAll('li')].map((li) => li.textContent)).toEqual(items);
  });

  it('lists only what is left: the numbers were given back before Twilio stopped answering', async () => {
    const container = await switchAccount('en', switched({
      numbersRestored: 2,
      problem: { code: 'twilio_unavailable', message: 'Twilio is having a problem right now.' },
      left: { apiKeySid: OLD_KEY, twimlAppSid: OLD_APP, numbers: [] },
    }));
    const notice = container.querySelector('[data-testid="previous-account"]')!;
    expect(notice.querySelector('p')?.textContent).toContain('Twilio could not be reached just now');
    expect([...notice.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      `API key “Yobidashi voice tokens” ${OLD_KEY}`,
      `TwiML App “Yobidashi outgoing calls” ${OLD_APP}`,
    ]);
  });

  it('says the old account was tidied up, and how many numbers got their settings back', async () => {
    const container = await switchAccount('ja', switched({
      apiKeyDeleted: true, twimlAppDeleted: true, numbersRestored: 2, left: { apiKeySid: null, twimlAppSid: null, numbers: [] },
    }));
    expect(container.querySelector('[role="status"]')?.textContent).toBe(
      `以前のアカウント ${OLD} の後片付けが完了しました。Yobidashi が作成した API キーと TwiML アプリは削除済みで、番号 2件の着信設定を元に戻しました。`,
    );
    expect(container.querySelector('[data-testid="previous-account"]')).toBeNull();
  });
});

describe('step 1: an Auth Token Twilio takes but cannot sign with', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['ja', 'これはセカンダリの Auth Token です。'],
    ['en', 'This is the secondary Auth Token.'],
  ] as const)('asks for the primary one under the Auth Token field (%s)', async (language, sentence) => {
    uiLanguage.value = language;
    const connectTwilio = async () => {
      throw new ApiError(400, 'invalid_input', 'authToken: secondary', [
        { path: 'authToken', code: 'twilio_secondary_auth_token', message: 'This is the secondary Auth Token.' },
      ]);
    };
    const { container } = renderUi(<TwilioSection api={fakeAdminApi({ connectTwilio })} />);
    await flush();
    await type(field(container, labels[language].sid), NEW);
    await type(field(container, 'Auth Token'), 'b'.repeat(32));
    await click(button(container, labels[language].save));
    await flush();
    expect(container.querySelector('#twilio-token-error')?.textContent).toContain(sentence);
  });
});
