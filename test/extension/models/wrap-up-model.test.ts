import { afterEach, describe, expect, it, vi } from 'vitest';
import { t, uiLanguage } from '@/locales/i18n';
import { BackgroundError } from '@/messaging/send';
import { createWrapUpModel } from '@/models/wrap-up-model';

/** The after-call form over a background that refuses the save with `failure`, as the popup sees it. */
async function failedSave(failure: unknown) {
  const model = createWrapUpModel({ updateCall: () => Promise.reject(failure) });
  model.note.value = '見積書を送付済み。来週再連絡。';
  const saved = await model.save('CA0123456789abcdef0123456789abcdef');
  const reason = model.error.value;
  // What the form shows (components/wrap-up-form.tsx).
  return { saved, error: reason === null ? null : t('wrapUp.failed', { message: reason }), note: model.note.value };
}

describe('a wrap-up that could not be saved', () => {
  afterEach(() => {
    uiLanguage.value = 'ja';
    vi.restoreAllMocks();
  });

  it('says the server’s refusal in the rep’s language, and keeps the note', async () => {
    uiLanguage.value = 'ja';
    const result = await failedSave(new BackgroundError('rate_limited', 'Too many requests. Try again in 30 s.', { retryAfterSeconds: 30 }));
    expect(result.saved).toBe(false);
    expect(result.note).toBe('見積書を送付済み。来週再連絡。');
    expect(result.error).toMatch(/^保存できませんでした。.*30.*メモは残っています。$/);
    expect(result.error).not.toMatch(/Too many|（|）/);
  });

  it('words a lost server as the phone does, never the transport’s English', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const language of ['ja', 'en'] as const) {
      uiLanguage.value = language;
      const unreachable = await failedSave(new BackgroundError('unreachable', 'Cannot reach https://phone.example.jp/api: Failed to fetch'));
      const signedOut = await failedSave(new BackgroundError('not_signed_in', 'Sign in first'));
      const proxyPage = await failedSave(new BackgroundError('server', 'HTTP 502'));
      for (const { error } of [unreachable, signedOut, proxyPage]) {
        expect(error).not.toMatch(/Failed to fetch|Sign in first|HTTP 502|phone\.example\.jp/);
      }
      expect(new Set([unreachable.error, signedOut.error, proxyPage.error]).size).toBe(3);
      if (language === 'ja') expect(unreachable.error).toMatch(/^保存できませんでした。[^A-Za-z]+$/);
      else expect(unreachable.error).toMatch(/^Could not save\. .+ Your note is still here\.$/);
    }
  });
});

describe('what the wrap-up saves', () => {
  afterEach(() => (uiLanguage.value = 'ja'));

  it('refuses a note over the server’s 5000 characters, saying the limit in the rep’s language', async () => {
    const sent: unknown[] = [];
    const model = createWrapUpModel({ updateCall: async (_sid, update) => (sent.push(update), null) });
    model.note.value = 'あ'.repeat(5001);
    for (const language of ['ja', 'en'] as const) {
      uiLanguage.value = language;
      expect(await model.save('CA1')).toBe(false);
      expect(model.error.value).toMatch(language === 'ja' ? /^メモは 5,000文字までです（現在 5,001文字）。$/ : /^The note can be at most 5,000 characters \(it has 5,001\)\.$/);
    }
    expect({ sent, kept: model.note.value.length }).toEqual({ sent: [], kept: 5001 });
  });

  it('says a call with no Twilio sid cannot keep its note, in both languages, and keeps the note', async () => {
    const model = createWrapUpModel({ updateCall: () => Promise.reject(new BackgroundError('no_call_sid', 'This call has no Twilio CallSid')) });
    model.note.value = '不在。明日再架電';
    for (const language of ['ja', 'en'] as const) {
      uiLanguage.value = language;
      expect(await model.save(null)).toBe(false);
      expect(model.error.value).toBe(t('wrapUp.noCallSid'));
    }
    expect(model.error.value).toMatch(/^This call has no Twilio call ID/);
    expect(model.note.value).toBe('不在。明日再架電');
  });

  it('starts empty for another call’s wrap-up, and keeps the draft while it is the same call', () => {
    const model = createWrapUpModel({ updateCall: async () => null });
    model.forCall('a');
    model.note.value = 'A社: 見積もり承認';
    model.disposition.value = 'won';
    model.forCall('a');
    expect({ note: model.note.value, disposition: model.disposition.value }).toEqual({ note: 'A社: 見積もり承認', disposition: 'won' });
    model.forCall('b');
    expect({ note: model.note.value, disposition: model.disposition.value }).toEqual({ note: '', disposition: '' });
  });
});
