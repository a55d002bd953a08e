import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import { choose, field, renderUi } from './render';
import { mainNumber } from './number-fixtures';

/** Any Twilio voice of the language is stored (e.g. set by an import); the page offers four Polly voices. */
const NUMBER = mainNumber({ voice: { language: 'ja-JP', voice: 'Google.ja-JP-Wavenet-A' } });

describe('the Voice drop-down', () => {
  beforeEach(() => (uiLanguage.value = 'en'));
  afterEach(() => (document.body.innerHTML = ''));

  it('shows the stored voice callers hear, even one it does not offer', async () => {
    const form = createIncomingFormModel(NUMBER, async (draft) => draft);
    const view = renderUi(<IncomingNumberForm form={form} users={[{ id: 'sato', name: 'Sato' }]} onDone={() => undefined} />);
    const voice = field<HTMLSelectElement>(view.container, 'Voice');
    expect(voice.value).toBe('Google.ja-JP-Wavenet-A');
    expect(voice.selectedOptions[0]?.textContent).toBe('Google.ja-JP-Wavenet-A');

    await choose(voice, 'Polly.Takumi');
    expect(form.draft.value.voice).toEqual({ language: 'ja-JP', voice: 'Polly.Takumi' });
    // Chosen away from, the unlisted voice is no longer offered.
    expect([...voice.options].map((option) => option.value)).toEqual(['', 'Polly.Mizuki', 'Polly.Takumi', 'Polly.Kazuha-Neural', 'Polly.Tomoko-Neural']);
  });
});
