import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { OrgSettingsProvider } from '@/components/options/org-settings';
import { OutgoingHoldMusic } from '@/components/options/outgoing-hold-music';
import { uiLanguage } from '@/locales/i18n';
import type { AudioFile } from '@/models/admin-schemas';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import type { IncomingNumber, PhoneConfig } from '@/models/phone-config-types';
import { fakeAdminApi } from './fake-admin-api';
import { button, choose, click, field, flush, renderUi } from './render';

const JINGLE: AudioFile = { id: 'f'.repeat(32), url: `https://phone.example.jp/media/${'f'.repeat(32)}`, contentType: 'audio/mpeg', size: 48_000, name: '保留音_春.mp3' };

const number = (overrides: Partial<IncomingNumber> = {}): IncomingNumber => ({
  number: '+815011110000',
  label: '営業直通',
  enabled: true,
  record: true,
  voice: { language: 'ja-JP' },
  messages: {},
  route: { type: 'ring', users: ['sato'], strategy: 'simultaneous', ringSeconds: 20, cycles: 1 },
  holdMusic: { type: 'default' },
  ...overrides,
});

afterEach(() => (document.body.innerHTML = ''));

describe('hold music of an incoming number', () => {
  beforeEach(() => (uiLanguage.value = 'ja'));

  it('is Twilio’s default, an uploaded file or silence, saved with the number', async () => {
    const saved: IncomingNumber[] = [];
    const form = createIncomingFormModel(number(), async (draft) => (saved.push(draft), draft));
    const audio = { files: [JINGLE], upload: async () => JINGLE };
    const view = renderUi(<IncomingNumberForm form={form} users={[{ id: 'sato', name: '佐藤 花子' }]} audio={audio} onDone={() => undefined} />);
    const music = field<HTMLSelectElement>(view.container, '保留音');
    expect([...music.options].map((option) => option.textContent)).toEqual(['Twilio の標準の保留音', 'アップロードした音声ファイル', '無音']);
    await choose(music, 'audio');
    expect(field<HTMLSelectElement>(view.container, '保留音のファイル').value).toBe(JINGLE.id);
    await click(button(view.container, '保存'));
    await flush();
    expect(saved.map((draft) => draft.holdMusic)).toEqual([{ type: 'audio', audioId: JINGLE.id }]);

    await choose(field<HTMLSelectElement>(view.container, '保留音'), 'silence');
    expect(form.draft.value.holdMusic).toEqual({ type: 'silence' });
  });
});

describe('hold music for outgoing calls', () => {
  beforeEach(() => (uiLanguage.value = 'en'));

  it('changes only settings.outgoingHoldMusic of the configuration the server has now', async () => {
    const stored = {
      twilio: { accountSid: `AC${'3'.repeat(32)}`, authToken: '••••9f9f' },
      settings: { defaultCountry: 'JP', allowedCountries: ['JP'], outgoingHoldMusic: { type: 'default' } },
      users: [{ id: 'yamada', name: '山田', email: 'yamada@example.jp', role: 'admin' }],
      incoming: [number()],
      outgoing: [{ user: 'yamada', number: '+815011110000', record: false }],
    } as unknown as PhoneConfig;
    const puts: PhoneConfig[] = [];
    const api = fakeAdminApi({
      getConfig: async () => structuredClone(stored),
      putConfig: async (document) => (puts.push(document as PhoneConfig), document),
      listAudio: async () => [JINGLE],
    });
    const view = renderUi(
      <OrgSettingsProvider api={api} fallbackCountry="JP">
        <OutgoingHoldMusic api={api} />
      </OrgSettingsProvider>,
    );
    await flush();
    expect(button(view.container, 'Save').disabled).toBe(true);
    await choose(field<HTMLSelectElement>(view.container, 'Hold music'), 'silence');
    await click(button(view.container, 'Save'));
    await flush();
    expect(puts).toEqual([{ ...stored, settings: { ...stored.settings, outgoingHoldMusic: { type: 'silence' } } }]);
    expect(view.container.querySelector('[role="status"]')?.textContent).toBe('Saved');
  });
});
