import { afterEach, describe, expect, it } from 'vitest';
import { OrgSettingsProvider } from '@/components/options/org-settings';
import { RecordingNoticeField } from '@/components/options/recording-notice-field';
import { uiLanguage } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import type { AudioFile } from '@/models/admin-schemas';
import { ApiError } from '@/models/api-error';
import type { PhoneConfig } from '@/models/phone-config-types';
import { validatePhoneConfig } from '../../../server/phone-config/validate';
import { defaultVoice, orgCallLanguage } from '../../../contract/default-voices';
import { measureSay } from '../../../contract/say-limits';
import { VOICES } from '../../../server/phone-config/voices';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi, type } from './render';

/**
 * The recording announcement in the options page: off as stored, switched on with the standard
 * wording, the admin's own words or an uploaded file; a save changes `settings.recordingNotice` only,
 * and a text the server refuses is named, under its field and at the top, in the page's language.
 */
const NOTICE: AudioFile = { id: 'a'.repeat(32), url: `https://phone.example.jp/media/${'a'.repeat(32)}`, contentType: 'audio/mpeg', size: 24_000, name: '録音のお知らせ.mp3' };
const stored = {
  twilio: { accountSid: `AC${'3'.repeat(32)}`, authToken: '••••9f9f' },
  settings: { defaultCountry: 'JP', allowedCountries: ['JP'], outgoingHoldMusic: { type: 'silence' } },
  users: [{ id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' }],
  incoming: [],
  outgoing: [{ user: 'yamada', number: '+815011110000', record: true }],
} as unknown as PhoneConfig;

/** The server's own rules decide what is refused, worded as the API sends it. */
function officeApi(puts: PhoneConfig[], config: PhoneConfig = stored) {
  return fakeAdminApi({
    getConfig: async () => structuredClone(config),
    putConfig: async (document) => {
      const result = validatePhoneConfig(document);
      if (!result.ok) throw ApiError.fromBody(400, { error: { code: 'invalid_config', message: 'The phone configuration has problems.', issues: result.issues } });
      puts.push(document as PhoneConfig);
      return document;
    },
    listAudio: async () => [NOTICE],
  });
}

/** The field as the options page shows it: below the org's settings, read once for every page. */
function inOrg(api: AdminApi) {
  return (
    <OrgSettingsProvider api={api} fallbackCountry="JP">
      <RecordingNoticeField api={api} />
    </OrgSettingsProvider>
  );
}

afterEach(() => (document.body.innerHTML = ''));

describe('the recording announcement', () => {
  it('is off until switched on; on, it keeps the standard wording in the org’s language and saves nothing else', async () => {
    uiLanguage.value = 'ja';
    const puts: PhoneConfig[] = [];
    const view = renderUi(inOrg(officeApi(puts)));
    await flush();
    const enabled = field<HTMLInputElement>(view.container, '録音する通話でお知らせを流す');
    expect(enabled.checked).toBe(false);
    expect(button(view.container, '保存').disabled).toBe(true);
    const kind = field<HTMLSelectElement>(view.container, 'お知らせの内容');
    expect([...kind.options].map((option) => option.textContent)).toEqual([
      '標準の文言：「この通話は品質向上のため録音させていただきます。」',
      '独自の文言（読み上げ）',
      'アップロードした音声ファイル',
    ]);
    await click(enabled);
    await click(button(view.container, '保存'));
    await flush();
    expect(puts).toEqual([{ ...stored, settings: { ...stored.settings, recordingNotice: { enabled: true } } }]);
    expect(view.container.querySelector('[role="status"]')?.textContent).toBe('保存しました');
  });

  it('saves the admin’s own words, or an uploaded file', async () => {
    uiLanguage.value = 'en';
    const puts: PhoneConfig[] = [];
    const view = renderUi(inOrg(officeApi(puts)));
    await flush();
    await click(field<HTMLInputElement>(view.container, 'Play the announcement on recorded calls'));
    await choose(field<HTMLSelectElement>(view.container, 'Announcement'), 'text');
    const text = field<HTMLTextAreaElement>(view.container, 'Announcement text');
    expect(text.placeholder).toBe('この通話は品質向上のため録音させていただきます。');
    await type(text, '品質向上のため、通話を録音しております。');
    await click(button(view.container, 'Save'));
    await flush();
    expect(puts.at(-1)?.settings.recordingNotice).toEqual({ enabled: true, message: { type: 'text', text: '品質向上のため、通話を録音しております。' } });

    await choose(field<HTMLSelectElement>(view.container, 'Announcement'), 'audio');
    await choose(field<HTMLSelectElement>(view.container, 'Announcement audio file'), NOTICE.id);
    await click(button(view.container, 'Save'));
    await flush();
    expect(puts.at(-1)?.settings.recordingNotice).toEqual({ enabled: true, message: { type: 'audio', audioId: NOTICE.id } });
  });

  it.each([
    ['ja', '録音する通話でお知らせを流す', 'お知らせの内容', 'お知らせの文言', '保存', '録音のお知らせ：Twilio で読み上げるには長すぎます。100文字以上短くしてください。'],
    ['en', 'Play the announcement on recorded calls', 'Announcement', 'Announcement text', 'Save', 'Recording announcement: Too long for Twilio to read out: shorten it by at least 100 characters.'],
  ] as const)('names the field when the server refuses a text Twilio cannot read out (%s), and saves nothing', async (language, enabledLabel, kindLabel, textLabel, save, expected) => {
    uiLanguage.value = language;
    const puts: PhoneConfig[] = [];
    const view = renderUi(inOrg(officeApi(puts)));
    await flush();
    await click(field<HTMLInputElement>(view.container, enabledLabel));
    await choose(field<HTMLSelectElement>(view.container, kindLabel), 'text');
    const text = field<HTMLTextAreaElement>(view.container, textLabel);
    await type(text, 'この通話は品質向上のため録音させていただきます。'.repeat(30).slice(0, 600));
    await click(button(view.container, save));
    await flush();
    expect(puts).toEqual([]);
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe(expected);
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${text.id}-error`)?.textContent).toBe(expected.slice(expected.search(/[:：]/) + 1).trim());
  });

  it.each([
    ['ja', '録音する通話でお知らせを流す', 'お知らせはオフですが、音声ファイル「録音のお知らせ.mp3」はお知らせ用に選ばれたままのため、音声ライブラリから削除できません。'],
    ['en', 'Play the announcement on recorded calls', 'The announcement is off, but the audio file “録音のお知らせ.mp3” stays chosen for it, so the audio library cannot delete it.'],
  ] as const)('says, while it is off, which audio file it still holds and why that file cannot be deleted (%s)', async (language, enabledLabel, expected) => {
    uiLanguage.value = language;
    const off = { ...stored, settings: { ...stored.settings, recordingNotice: { enabled: false, message: { type: 'audio', audioId: NOTICE.id } } } } as unknown as PhoneConfig;
    const view = renderUi(inOrg(officeApi([], off)));
    await flush();
    const note = () => document.getElementById('recording-notice-audio-kept')?.textContent ?? '';
    expect(note()).toContain(expected);
    await click(field<HTMLInputElement>(view.container, enabledLabel));
    expect(note()).toBe('');
  });
});

/**
 * The field counts the admin's words in the org's voice only, while the server (say-rules.ts
 * checkRecordingNotice) refuses what the strictest of that voice and every recorded number's voice
 * cannot read. They agree because the org's voice (a Polly one) is the strictest engine: if a default
 * voice or a limit changes so that this fails, the field must count every recorded number's voice too.
 */
describe('the recording announcement’s counter', () => {
  const texts = ['録音', 'a b', 'Recorded, for quality.', 'é'].flatMap((unit) => [1490, 2250, 3000, 4100, 5200].map((length) => unit.repeat(Math.ceil(length / unit.length))));
  it.each(['JP', 'US'])('is as strict as the server for any voice a recorded number may have (org in %s)', (defaultCountry) => {
    const orgVoice = defaultVoice(orgCallLanguage({ defaultCountry }));
    for (const voices of Object.values(VOICES)) {
      for (const voice of voices) {
        for (const text of texts) expect(measureSay(text, orgVoice).over).toBeGreaterThanOrEqual(measureSay(text, voice).over);
      }
    }
  });
});
