import { useEffect, useState } from 'preact/hooks';
import { defaultVoice, orgCallLanguage } from '../../../contract/default-voices';
import { defaultRecordingNotice } from '../../../contract/recording-notice';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import { ApiError, errorForField, fieldErrorsUnder } from '@/models/api-error';
import type { PhoneConfig, Prompt } from '@/models/phone-config-types';
import { sayCount } from '@/models/say-count';
import { AudioPromptField } from './audio-prompt-field';
import { FormField } from './form-field';
import { useOrgSettings } from './org-settings';
import { sayCountText } from './say-count-text';
import { SettingSaveActions } from './setting-save-actions';
import { messageOf } from './use-async';
import { useAudioLibrary, useSettingSave } from './use-setting-save';

type Notice = NonNullable<PhoneConfig['settings']['recordingNotice']>;
type Kind = 'default' | 'text' | 'audio';

interface Draft {
  enabled: boolean;
  kind: Kind;
  text: string;
  audioId: string;
}

const ISSUE_PREFIX = 'settings.recordingNotice';

function draftOf(notice: Notice | undefined): Draft {
  const message = notice?.message;
  return {
    enabled: notice?.enabled ?? false,
    kind: message?.type === 'text' ? 'text' : message?.type === 'audio' ? 'audio' : 'default',
    text: message?.type === 'text' ? message.text : '',
    audioId: message?.type === 'audio' ? message.audioId : '',
  };
}

/** What the draft stores: a URL prompt written by hand or imported is kept as it is while the kind is unchanged. */
function noticeOf(draft: Draft, saved: Notice | undefined): Notice {
  const message: Prompt | undefined =
    draft.kind === 'text' ? { type: 'text', text: draft.text } : draft.kind === 'audio' ? { type: 'audio', audioId: draft.audioId } : saved?.message?.type === 'url' ? saved.message : undefined;
  return { enabled: draft.enabled, ...(message ? { message } : {}) };
}

/**
 * The recording announcement (`settings.recordingNotice`): off, the standard wording, the admin's own
 * words or an uploaded file. Like the outgoing hold music, saved on its own (use-setting-save.ts): nothing
 * else another admin saved meanwhile is overwritten. A refused text is shown under its field, and the
 * page-level alert names the setting.
 */
export function RecordingNoticeField({ api }: { api: AdminApi }) {
  const org = useOrgSettings();
  const library = useAudioLibrary(api);
  const { state, failure, save: saveSetting, edited } = useSettingSave(api, 'recordingNotice');
  const [draft, setDraft] = useState<Draft | null>(null);
  const saved = org.settings?.recordingNotice;
  useEffect(() => setDraft(org.settings ? draftOf(org.settings.recordingNotice) : null), [org.settings]);

  const language = orgCallLanguage(org.settings ?? { defaultCountry: 'JP' });
  const change = (next: Partial<Draft>) => {
    if (!draft) return;
    setDraft({ ...draft, ...next });
    edited();
  };
  const incomplete = draft !== null && ((draft.kind === 'text' && draft.text.trim() === '') || (draft.kind === 'audio' && draft.audioId === ''));
  const dirty = draft !== null && JSON.stringify(noticeOf(draft, saved)) !== JSON.stringify(noticeOf(draftOf(saved), saved));

  const issues = failure instanceof ApiError ? fieldErrorsUnder(failure.issues, ISSUE_PREFIX) : new Map<string, string>();
  const textError = errorForField(issues, 'message.text');
  const audioError = errorForField(issues, 'message.audioId');
  const firstIssue = issues.values().next().value;
  // The server refuses to delete a file the saved announcement names even while it is off: say so where the picker was.
  const keptAudioId = saved?.message?.type === 'audio' ? saved.message.audioId : null;
  const keptAudio = keptAudioId === null ? null : (library.files.find((file) => file.id === keptAudioId)?.name || keptAudioId);
  const alert = failure === null ? null : firstIssue ? t('recordingNotice.invalid', { problem: firstIssue }) : messageOf(failure);

  const save = async (event: Event) => {
    event.preventDefault();
    if (draft && !incomplete) await saveSetting(noticeOf(draft, saved));
  };

  return (
    <form class="yb-form" aria-labelledby="recording-notice-title" onSubmit={save} noValidate>
      <h3 id="recording-notice-title" class="yb-heading">
        {t('recordingNotice.title')}
      </h3>
      <p class="yb-field__help">{t('recordingNotice.help')}</p>
      {org.failure !== null && (
        <p class="yb-alert yb-alert--error" role="alert">
          {messageOf(org.failure)}
        </p>
      )}
      {alert && (
        <p class="yb-alert yb-alert--error" role="alert">
          {alert}
        </p>
      )}
      {draft && (
        <>
          <label class="yb-check-option" for="recording-notice-enabled">
            <input id="recording-notice-enabled" type="checkbox" checked={draft.enabled} onChange={(event) => change({ enabled: event.currentTarget.checked })} />
            {t('recordingNotice.enabled')}
          </label>
          <FormField id="recording-notice-kind" label={t('recordingNotice.kind')} help={t('recordingNotice.kind.help')}>
            {(props) => (
              <select {...props} value={draft.kind} disabled={!draft.enabled} onChange={(event) => change({ kind: event.currentTarget.value as Kind })}>
                <option value="default">{t('recordingNotice.kind.default', { text: defaultRecordingNotice(language) })}</option>
                <option value="text">{t('recordingNotice.kind.text')}</option>
                <option value="audio">{t('recordingNotice.kind.audio')}</option>
              </select>
            )}
          </FormField>
          {draft.enabled && draft.kind === 'text' && (
            <FormField id="recording-notice-text" label={t('recordingNotice.text')} error={textError} counter={sayCountText(sayCount(draft.text, defaultVoice(language)))}>
              {(props) => <textarea {...props} rows={2} value={draft.text} placeholder={defaultRecordingNotice(language)} onInput={(event) => change({ text: event.currentTarget.value })} />}
            </FormField>
          )}
          {!draft.enabled && keptAudio !== null && (
            <p class="yb-field__help" id="recording-notice-audio-kept">
              {t('recordingNotice.audio.kept', { name: keptAudio })}
            </p>
          )}
          {draft.enabled && draft.kind === 'audio' && (
            <AudioPromptField id="recording-notice-audio" label={t('recordingNotice.audio')} audioId={draft.audioId} error={audioError} library={library} onChange={(audioId) => change({ audioId: audioId ?? '' })} />
          )}
        </>
      )}
      <SettingSaveActions state={state} dirty={dirty} incomplete={incomplete} />
    </form>
  );
}
