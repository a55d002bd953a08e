import { useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import { languageName } from '@/models/display-names';
import type { IncomingFormModel } from '@/models/incoming-form-model';
import { isMultiLevel } from '@/models/ivr-tree';
import { withoutDeletedAudio } from '@/models/remembered-audio';
import { switchChoice } from '@/models/remembered-choices';
import type { Language, Messages, Prompt } from '@/models/phone-config-types';
import { menuSentenceCount, sayCount } from '@/models/say-count';
import { voiceOf } from '../../../contract/default-voices';
import { AudioPromptField, type AudioLibrary } from './audio-prompt-field';
import { FormField } from './form-field';
import { MenuSentenceField } from './menu-sentence-field';
import { menuSentenceCountText, sayCountText } from './say-count-text';

type PromptName = 'welcome' | 'unavailable' | 'busy';
type Format = Prompt['type'];
const PROMPTS: readonly PromptName[] = ['welcome', 'unavailable', 'busy'];
const LANGUAGES: readonly Language[] = ['ja-JP', 'en-US', 'en-GB', 'en-AU'];
const VOICES: Record<Language, readonly string[]> = {
  'ja-JP': ['Polly.Mizuki', 'Polly.Takumi', 'Polly.Kazuha-Neural', 'Polly.Tomoko-Neural'],
  'en-US': ['Polly.Joanna', 'Polly.Matthew', 'Polly.Joanna-Neural', 'Polly.Matthew-Neural'],
  'en-GB': ['Polly.Amy', 'Polly.Brian', 'Polly.Emma'],
  'en-AU': ['Polly.Nicole', 'Polly.Russell', 'Polly.Olivia-Neural'],
};

function formatOf(messages: Messages): Format | undefined {
  return PROMPTS.map((name) => messages[name]?.type).find((type) => type !== undefined);
}

function emptyPrompt(format: Format): Prompt {
  return format === 'text' ? { type: 'text', text: '' } : format === 'audio' ? { type: 'audio', audioId: '' } : { type: 'url', url: '' };
}

/** Prompts, the menu sentence (its slots fixed), the callers' language and the voice. */
export function VoiceSettings({ form, audio }: { form: IncomingFormModel; audio?: AudioLibrary | undefined }) {
  const draft = form.draft.value;
  const errors = form.errors.value;
  const messages = draft.messages;
  // With no prompt written yet, the chosen format is only the page's (nothing to store).
  const [chosen, setChosen] = useState<Format>('text');
  // Prompts whose remembered audio file was deleted meanwhile: they came back empty, and say why.
  const [deletedChoices, setDeletedChoices] = useState<ReadonlySet<PromptName>>(new Set());
  const format = formatOf(messages) ?? chosen;
  const multiLevel = draft.route.type === 'ivr' && isMultiLevel(draft.route.menu);
  const setMessages = (next: Messages) => form.update((current) => ({ ...current, messages: next }));
  const setPrompt = (name: PromptName, prompt: Prompt | undefined) => {
    if (deletedChoices.has(name)) setDeletedChoices(new Set([...deletedChoices].filter((other) => other !== name)));
    setMessages({ ...messages, [name]: prompt });
  };
  // The messages written in the format left are kept for a switch back (models/remembered-choices.ts).
  const setFormat = (next: Format) => {
    setChosen(next);
    const prompts: Partial<Messages> = Object.fromEntries(PROMPTS.map((name) => [name, messages[name]]));
    let dropped: PromptName[] = [];
    setMessages(
      switchChoice(messages, { from: format, kept: prompts, to: next }, (remembered: Partial<Record<PromptName, Prompt | undefined>> | undefined) => {
        // A file deleted from the library since it was chosen is not given back (models/remembered-audio.ts).
        const back = remembered && audio?.deleted ? withoutDeletedAudio(remembered, audio.deleted) : { prompts: remembered, dropped };
        dropped = back.dropped;
        return { ...messages, ...(back.prompts ?? Object.fromEntries(PROMPTS.map((name) => [name, messages[name] ? emptyPrompt(next) : undefined]))) };
      }),
    );
    setDeletedChoices(new Set(dropped));
  };
  const firstItem = draft.route.type === 'ivr' ? draft.route.menu[0] : undefined;
  // Text is counted in the limits of the voice callers hear (the language's default when none is chosen).
  const voice = voiceOf(draft.voice);

  const promptField = (name: PromptName) => {
    const prompt = messages[name] ?? emptyPrompt(format);
    const id = `voice-${name}`;
    const error =
      errors.get(`messages.${name}`) ?? errors.get(`messages.${name}.text`) ?? errors.get(`messages.${name}.url`) ?? errors.get(`messages.${name}.audioId`);
    const label = t(`voice.${name}`);
    const clearIfEmpty = (value: string, next: Prompt) => setPrompt(name, value === '' ? undefined : next);
    if (prompt.type === 'audio' && audio) {
      return (
        <AudioPromptField
          key={name}
          id={id}
          label={label}
          audioId={prompt.audioId}
          error={error}
          notice={deletedChoices.has(name) ? t('voice.audio.deletedChoice') : undefined}
          library={audio}
          onChange={(audioId) => setPrompt(name, audioId ? { type: 'audio', audioId } : undefined)}
        />
      );
    }
    return (
      <FormField id={id} label={label} error={error} key={name} counter={prompt.type === 'text' ? sayCountText(sayCount(prompt.text, voice)) : undefined}>
        {(props) =>
          prompt.type === 'text' ? (
            <textarea {...props} rows={2} value={prompt.text} onInput={(event) => clearIfEmpty(event.currentTarget.value, { type: 'text', text: event.currentTarget.value })} />
          ) : prompt.type === 'url' ? (
            <input {...props} type="url" placeholder="https://" value={prompt.url} onInput={(event) => clearIfEmpty(event.currentTarget.value, { type: 'url', url: event.currentTarget.value })} />
          ) : (
            <input {...props} type="text" placeholder={t('voice.audioId')} value={prompt.audioId} onInput={(event) => clearIfEmpty(event.currentTarget.value, { type: 'audio', audioId: event.currentTarget.value })} />
          )
        }
      </FormField>
    );
  };

  return (
    <section class="yb-voice" aria-labelledby="yb-voice-title">
      <h3 id="yb-voice-title" class="yb-heading">
        {t('voice.title')}
      </h3>
      <FormField
        id="voice-format"
        label={t('voice.format')}
        error={errors.get('messages')}
        help={multiLevel ? t('ivr.textOnly') : undefined}
      >
        {(props) => (
          <select {...props} value={format} onChange={(event) => setFormat(event.currentTarget.value as Format)}>
            {(['text', 'audio', 'url'] as const).map((option) => (
              <option value={option} key={option} disabled={multiLevel && option !== 'text' && format !== option}>
                {t(`voice.format.${option}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>

      {promptField('welcome')}
      {draft.route.type === 'ivr' && (
        <div class="yb-field">
          <label class="yb-check-option">
            <input
              type="checkbox"
              aria-describedby="voice-welcome-skippable-help"
              checked={draft.welcomeSkippable === true}
              onChange={(event) => form.update((current) => ({ ...current, welcomeSkippable: event.currentTarget.checked }))}
            />
            {t('voice.welcomeSkippable')}
          </label>
          <p class="yb-field__help" id="voice-welcome-skippable-help">
            {t('voice.welcomeSkippable.help')}
          </p>
        </div>
      )}
      {promptField('unavailable')}
      {promptField('busy')}

      {draft.route.type === 'ivr' && (
        <MenuSentenceField
          template={messages.menu}
          language={draft.voice.language}
          example={{ label: firstItem?.label ?? '', key: firstItem?.key ?? 1 }}
          error={errors.get('messages.menu')}
          counter={menuSentenceCountText(menuSentenceCount(messages.menu, draft.voice.language, draft.route.menu, voice))}
          onChange={(menu) => {
            const { menu: _previous, ...rest } = messages;
            setMessages(menu === undefined ? rest : { ...rest, menu });
          }}
        />
      )}

      <div class="yb-row">
        <FormField id="voice-language" label={t('voice.language')} error={errors.get('voice.language')}>
          {(props) => (
            <select
              {...props}
              value={draft.voice.language}
              onChange={(event) => form.update((current) => ({ ...current, voice: { language: event.currentTarget.value as Language } }))}
            >
              {LANGUAGES.map((language) => (
                <option value={language} key={language}>
                  {languageName(language, uiLanguage.value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="voice-voice" label={t('voice.voice')} error={errors.get('voice.voice')}>
          {(props) => (
            <select
              {...props}
              value={draft.voice.voice ?? ''}
              onChange={(event) =>
                form.update((current) => ({
                  ...current,
                  voice: { language: current.voice.language, ...(event.currentTarget.value ? { voice: event.currentTarget.value } : {}) },
                }))
              }
            >
              <option value="">{t('voice.voice.default')}</option>
              {VOICES[draft.voice.language].map((voice) => (
                <option value={voice} key={voice}>
                  {voice}
                </option>
              ))}
              {/* A voice set by an import or the API, not one of those offered: shown as it is, kept on save. */}
              {draft.voice.voice && !VOICES[draft.voice.language].includes(draft.voice.voice) && <option value={draft.voice.voice}>{draft.voice.voice}</option>}
            </select>
          )}
        </FormField>
      </div>
    </section>
  );
}
