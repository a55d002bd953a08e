import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { IncomingSection } from '@/components/options/incoming-section';
import { PreviewPanel } from '@/components/options/preview-panel';
import { SetupCheckSection } from '@/components/options/setup-check-section';
import { TwilioSection } from '@/components/options/twilio-section';
import { ExportImportSection } from '@/components/options/export-import-section';
import type { AdminApi, Preview } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import type { PreviewStep } from '@/models/admin-schemas';
import { createUnsavedChanges } from '@/models/unsaved-changes';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi, type } from './render';

const ACCOUNT = {
  configured: true, accountSid: `AC${'1'.repeat(32)}`, friendlyName: '山田商事', status: 'active' as const, type: 'Trial' as const,
  authToken: '••••9f9f', apiKeySid: `SK${'2'.repeat(32)}`, twimlAppSid: `AP${'3'.repeat(32)}`,
};
const users = [{ id: 'sato', name: '佐藤' }, { id: 'suzuki', name: '鈴木' }];
/** An error as the server sends it: the contract's code (and its English message, never shown). */
const serverError = (status: number, code: string, message: string, issues: ApiError['issues'] = [], params?: Record<string, string | number>) =>
  new ApiError(status, code, message, issues, { params });

describe('step 1: Twilio', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  it('shows the account name, status and type after verifying, and only the masked token', async () => {
    const connectTwilio = vi.fn(async () => ACCOUNT);
    const { container } = renderUi(<TwilioSection api={fakeAdminApi({ connectTwilio })} />);
    await flush();
    await type(field(container, 'アカウント SID'), ` ${ACCOUNT.accountSid} `);
    await type(field(container, 'Auth Token'), '9f'.repeat(16));
    await click(button(container, '確認して保存'));
    await flush();
    expect(connectTwilio).toHaveBeenCalledWith({ accountSid: ACCOUNT.accountSid, authToken: '9f'.repeat(16) });
    const summary = container.querySelector('[data-testid="twilio-account"]')!.textContent;
    expect(summary).toContain('山田商事');
    expect(summary).toContain('有効');
    expect(summary).toContain('トライアル');
    expect(summary).toContain('保存済み：••••9f9f');
    expect(container.textContent).not.toContain('9f'.repeat(16));
    expect(container.querySelector('input[type="password"]')).toBeNull();
  });

  it.each([
    ['ja', 'アカウント SID または Auth Token が Twilio に拒否されました。'],
    ['en', 'Twilio rejected the Account SID or Auth Token.'],
  ] as const)('shows Twilio’s refusal in the page language, worded from its code (%s)', async (language, sentence) => {
    uiLanguage.value = language;
    const connectTwilio = async () => {
      throw serverError(400, 'twilio_auth_failed', 'Twilio rejected the Account SID or Auth Token.');
    };
    const { container } = renderUi(<TwilioSection api={fakeAdminApi({ connectTwilio })} />);
    await flush();
    await type(field(container, language === 'ja' ? 'アカウント SID' : 'Account SID'), ACCOUNT.accountSid!);
    await type(field(container, 'Auth Token'), '0'.repeat(32));
    await click(button(container, language === 'ja' ? '確認して保存' : 'Verify and save'));
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(sentence);
  });

  it('puts a malformed SID’s problem next to the field, in Japanese', async () => {
    const connectTwilio = async () => {
      throw serverError(400, 'invalid_input', 'accountSid: bad', [{ path: 'accountSid', code: 'invalid_account_sid', message: 'an Account SID is AC followed by 32 hex digits' }]);
    };
    const { container } = renderUi(<TwilioSection api={fakeAdminApi({ connectTwilio })} />);
    await flush();
    await type(field(container, 'アカウント SID'), 'AC123');
    await type(field(container, 'Auth Token'), 'x');
    await click(button(container, '確認して保存'));
    await flush();
    expect(container.querySelector('#twilio-sid-error')?.textContent).toBe('アカウント SID は「AC」と 16進数 32桁です。');
  });
});

describe('step 2: adding a number of the account', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function addNumber(api: AdminApi, phoneNumber: string) {
    const view = renderUi(<IncomingSection api={api} users={users} unsaved={createUnsavedChanges()} />);
    await flush();
    await click(button(view.container, '+ 番号を追加'));
    await flush();
    await choose(field<HTMLSelectElement>(view.container, 'Twilio アカウントの番号'), phoneNumber);
    await click(button(view.container, '追加'));
    // The new number's first key is selected in the IVR builder, its editor beside the tree.
    const item = view.container.querySelector('.yb-ivr-node')!;
    await type(field(item, 'ラベル'), '営業');
    await click(item.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    await click(button(view.container, '保存'));
    await flush();
    return view;
  }

  it('saves the number with the Twilio SID so the server points it here', async () => {
    const addIncoming = vi.fn(async (number: Parameters<AdminApi['addIncoming']>[0]) => number);
    await addNumber(fakeAdminApi({ addIncoming }), '+81312345678');
    expect(addIncoming).toHaveBeenCalledWith(expect.objectContaining({ number: '+81312345678', label: '東京代表' }), { twilioSid: 'PN1', confirm: false });
  });

  it('shows the server’s warning when the number answers calls elsewhere, and connects it only once confirmed', async () => {
    const addIncoming = async () => {
      throw serverError(409, 'number_in_use', '+81612345678 currently answers calls through https://old.example.com.', [], { number: '+81612345678', target: 'https://old.example.com' });
    };
    const connectNumber = vi.fn(async () => ({ number: { sid: 'PN2', phoneNumber: '+81612345678', friendlyName: '', inUseElsewhere: false, usedBy: null, incomingNumber: '+81612345678', connected: true }, tookOverFrom: null }));
    const { container } = await addNumber(fakeAdminApi({ addIncoming, connectNumber }), '+81612345678');
    expect(container.querySelector('[role="alertdialog"]')?.textContent).toContain('+81612345678 は現在、別の設定（https://old.example.com）で着信を処理しています。');
    expect(connectNumber).not.toHaveBeenCalled();
    await click(button(container, 'それでも呼び出しに接続する'));
    await flush();
    expect(connectNumber).toHaveBeenCalledWith('PN2', true);
    expect(container.querySelector('[role="status"]')?.textContent).toContain('呼び出しに届くようになりました');
  });

  it.each([
    ['ja', '03-1234-5678 を保存しましたが、Twilio の番号はまだ呼び出しに接続されていません：Twilio 側で障害が発生しています。数分後に再試行してください。', 'もう一度呼び出しに接続する', '03-1234-5678 の着信は呼び出しに届くようになりました。'],
    ['en', '03-1234-5678 is saved, but its Twilio number does not send calls here yet: Twilio is having a problem right now. Try again in a few minutes.', 'Connect it to Yobidashi again', '03-1234-5678 now sends its calls to Yobidashi.'],
  ] as const)('says in %s when the number is saved but Twilio failed to point it here, and connects it on “try again”', async (language, said, again, done) => {
    uiLanguage.value = language;
    const addIncoming = vi.fn(async (number: Parameters<AdminApi['addIncoming']>[0]) => ({
      ...number,
      twilio: { status: 502, error: { code: 'twilio_unavailable', message: 'Twilio is unavailable.', twilioCode: 20503 } },
    })) as unknown as AdminApi['addIncoming'];
    const connectNumber = vi.fn(async () => ({ number: { sid: 'PN1', phoneNumber: '+81312345678', friendlyName: '', inUseElsewhere: false, usedBy: null, incomingNumber: '+81312345678', connected: true }, tookOverFrom: null }));
    const view = renderUi(<IncomingSection api={fakeAdminApi({ addIncoming, connectNumber })} users={users} unsaved={createUnsavedChanges()} />);
    await flush();
    await click(button(view.container, language === 'ja' ? '+ 番号を追加' : '+ Add number'));
    await flush();
    await choose(field<HTMLSelectElement>(view.container, language === 'ja' ? 'Twilio アカウントの番号' : 'Number from your Twilio account'), '+81312345678');
    await click(button(view.container, language === 'ja' ? '追加' : 'Add'));
    const item = view.container.querySelector('.yb-ivr-node')!;
    await type(field(item, language === 'ja' ? 'ラベル' : 'Label'), '営業');
    await click(item.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    await click(button(view.container, language === 'ja' ? '保存' : 'Save'));
    await flush();
    expect(view.container.querySelector('[role="alertdialog"]')?.textContent).toContain(said);
    await click(button(view.container, again));
    await flush();
    expect(connectNumber).toHaveBeenCalledWith('PN1', false);
    expect(view.container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(view.container.querySelector('[role="status"]')?.textContent).toContain(done);
  });

  it('never shows the server’s English: a 409 without its params is still worded in Japanese', async () => {
    const addIncoming = async () => {
      throw serverError(409, 'number_in_use', '06-1234-5678 currently answers calls through Voice URL https://old.example.com.');
    };
    const { container } = await addNumber(fakeAdminApi({ addIncoming }), '+81612345678');
    const text = container.querySelector('[role="alertdialog"]')?.textContent ?? '';
    expect(text).not.toContain('currently answers');
    expect(text).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  it('uploads an audio file and uses it as the prompt', async () => {
    const uploadAudio = vi.fn(async (file: File) => ({ id: 'f'.repeat(32), url: 'https://phone.example.jp/media/x', contentType: 'audio/mpeg', size: file.size, name: file.name }));
    const addIncoming = vi.fn(async (number: Parameters<AdminApi['addIncoming']>[0]) => number);
    const view = renderUi(<IncomingSection api={fakeAdminApi({ uploadAudio, addIncoming })} users={users} unsaved={createUnsavedChanges()} />);
    await flush();
    await click(button(view.container, '+ 番号を追加'));
    await flush();
    await choose(field<HTMLSelectElement>(view.container, 'Twilio アカウントの番号'), '+81312345678');
    await click(button(view.container, '追加'));
    await choose(field<HTMLSelectElement>(view.container, '形式'), 'audio');
    const input = field(view.container, '「ウェルカムメッセージ」の mp3 / wav をアップロード');
    const file = new File([new Uint8Array([0x49, 0x44, 0x33, 4])], 'welcome.mp3', { type: 'audio/mpeg' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    await flush();
    expect(uploadAudio).toHaveBeenCalledWith(file);
    expect(field<HTMLSelectElement>(view.container, 'ウェルカムメッセージ').value).toBe('f'.repeat(32));
    const item = view.container.querySelector('.yb-ivr-node')!;
    await type(field(item, 'ラベル'), '営業');
    await click(item.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    await click(button(view.container, '保存'));
    await flush();
    expect(addIncoming.mock.calls[0]?.[0].messages).toEqual({ welcome: { type: 'audio', audioId: 'f'.repeat(32) } });
  });
});

describe('preview', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));
  afterEach(() => (document.body.innerHTML = ''));

  const say = (text: string): PreviewStep => ({ say: { text, language: 'ja-JP', voice: 'Polly.Mizuki' } });
  const gather = (pressed: string | null): PreviewStep => ({ gather: { numDigits: 1, timeout: 5, pressed } });
  const runs: Record<string, Preview> = {
    '': { steps: [say('お電話ありがとうございます。'), say('営業は1を'), gather(null)], outcome: 'waiting-for-input', summary: { en: 'plays the menu and waits for a key', ja: 'メニューを流してキー入力を待ちます' }, path: [] },
    '1': {
      steps: [say('お電話ありがとうございます。'), say('営業は1を'), gather('1'), { dial: { clients: [{ id: 'sato', name: '佐藤' }, { id: 'suzuki', name: '鈴木' }], strategy: 'simultaneous', timeout: 20, cycle: 1 } }, say('ただいま電話に出られません。'), { hangup: {} }],
      outcome: 'hangup',
      summary: { en: '営業: rings 佐藤 and 鈴木 at once for 20 s', ja: '営業：佐藤、鈴木を同時に20秒呼び出します' },
      path: [1],
    },
  };

  it('speaks the menu, answers it with the keypad, and shows what would happen', async () => {
    const preview = vi.fn(async (_number: string, digits: readonly string[]) => runs[digits.join('')]!);
    const spoken: string[][] = [];
    const speak = (steps: readonly PreviewStep[]) => (spoken.push(steps.flatMap((s) => ('say' in s ? [s.say.text] : []))), 0);
    const { container } = renderUi(<PreviewPanel api={fakeAdminApi({ preview })} number="+81312345678" language="ja-JP" onClose={() => undefined} speak={speak} />);
    await flush();
    expect(spoken).toEqual([['お電話ありがとうございます。', '営業は1を']]);
    expect(container.querySelector('[data-testid="preview-summary"]')?.textContent).toBe('メニューを流してキー入力を待ちます');
    await click(button(container, '1 を押す'));
    await flush();
    expect(preview).toHaveBeenLastCalledWith('+81312345678', ['1']);
    expect(spoken[1]).toEqual(['ただいま電話に出られません。']);
    expect(container.querySelector('[data-testid="preview-summary"]')?.textContent).toBe('営業：佐藤、鈴木を同時に20秒呼び出します');
    // Each step's kind is an SVG icon (an emoji is an empty box where no emoji font is installed).
    const ringing = [...container.querySelectorAll('.yb-preview__steps li')].find((li) => li.textContent?.includes('佐藤、鈴木 を同時に 20秒呼び出し'));
    expect(ringing?.querySelector('svg[data-icon="phone"]')).not.toBeNull();
    expect(container.textContent).not.toMatch(/[☎🔊⌨▶●✆]/u);
    expect(button(container, '2 を押す').disabled).toBe(true);
  });

  it('shows the text when the browser has no speech synthesis', async () => {
    vi.stubGlobal('speechSynthesis', undefined);
    const { container } = renderUi(<PreviewPanel api={fakeAdminApi({ preview: async () => runs['']! })} number="+81312345678" language="ja-JP" onClose={() => undefined} />);
    await flush();
    const welcome = [...container.querySelectorAll('.yb-preview__steps li')].find((li) => li.textContent?.includes('お電話ありがとうございます。'));
    expect(welcome?.querySelector('svg[data-icon="speaker"]')).not.toBeNull();
    vi.unstubAllGlobals();
  });
});

describe('setup check', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('lists problems in the page language with a one-click fix, and who can be rung', async () => {
    const broken = { id: 'twiml-app', ok: false, severity: 'error' as const, fix: 'recreate-app', message: { en: 'The TwiML App for outgoing calls is missing.', ja: '発信用の TwiML アプリがありません。' } };
    const fixed = { ...broken, ok: true, fix: undefined, message: { en: 'The TwiML App for outgoing calls exists.', ja: '発信用の TwiML アプリがあります。' } };
    const reps = [{ number: '+81312345678', label: '代表', ringable: [{ id: 'sato', name: '佐藤' }], busy: [], offline: [{ id: 'suzuki', name: '鈴木' }] }];
    const fixSetupProblem = vi.fn(async () => ({ ok: true, findings: [fixed], reps }));
    const { container } = renderUi(<SetupCheckSection api={fakeAdminApi({ getSetupCheck: async () => ({ ok: false, findings: [broken], reps }), fixSetupProblem })} />);
    await flush();
    expect(container.querySelector('[data-finding="twiml-app"]')?.textContent).toContain('The TwiML App for outgoing calls is missing.');
    expect(container.querySelector('tbody tr')?.textContent).toContain('佐藤');
    await click(button(container, 'Fix it'));
    await flush();
    expect(fixSetupProblem).toHaveBeenCalledWith('twiml-app');
    expect(container.textContent).toContain('Everything is set up.');
    const passed = container.querySelector('[data-finding="twiml-app"]')!;
    expect(passed.textContent).toContain('The TwiML App for outgoing calls exists.');
    expect(passed.querySelector('svg[data-icon="check"]')).not.toBeNull();
  });
});

describe('export / import', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows the server’s 400 issues with their paths, each worded in the page language', async () => {
    vi.stubGlobal('confirm', () => true);
    const putConfig = async () => {
      throw new ApiError(400, 'invalid_config', 'invalid', [{ path: 'incoming[0].route.menu[1].action.users[0]', code: 'unknown_user', params: { user: 'tanaka' }, message: 'unknown user "tanaka"' }]);
    };
    const { container } = renderUi(<ExportImportSection api={fakeAdminApi({ putConfig })} />);
    const input = field(container, 'Configuration file to import');
    Object.defineProperty(input, 'files', { value: [new File(['{"users":[]}'], 'config.json', { type: 'application/json' })] });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    await flush();
    await click(button(container, 'Replace the configuration'));
    await flush();
    expect(container.textContent).toContain('incoming[0].route.menu[1].action.users[0]: There is no user “tanaka”.');
  });

  it('dates the exported file by the admin’s own calendar, also before 09:00 in Japan', async () => {
    const zone = process.env['TZ'];
    process.env['TZ'] = 'Asia/Tokyo';
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T08:30:00+09:00') });
    const download = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      const { container } = renderUi(<ExportImportSection api={fakeAdminApi()} />);
      await click(button(container, 'Download the configuration (JSON)'));
      await flush();
      expect(download.mock.contexts.map((link) => (link as HTMLAnchorElement).download)).toEqual(['yobidashi-config-2026-11-24.json']);
    } finally {
      download.mockRestore();
      vi.useRealTimers();
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });
});
