import { useEffect, useState } from 'preact/hooks';
import { defaultVoice } from '../../../contract/default-voices';
import { defaultRecordingNotice } from '../../../contract/recording-notice';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import type { AudioFile } from '@/models/admin-schemas';
import { ApiError, errorForField, fieldErrorsUnder } from '@/models/api-error';
import type { PhoneConfig, Prompt } from '@/models/phone-config-types';
import { sayCount } from '@/models/say-count';
import { AudioPromptField, type AudioLibrary } from './audio-prompt-field';
import { FormField } from './form-field';
import { useOrgSettings } from './org-settings';
import { sayCountText } from './say-count-text';
import { messageOf, useAsync } from './use-async';

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
 * words or an uploaded file. Like the outgoing hold music, a save reads the configuration afresh and
 * changes this one setting (If-Match), so nothing else another admin saved meanwhile is overwritten.
 * A refused text is shown under its field, and the page-level alert names the setting.
 */
export function RecordingNoticeField({ api }: { api: AdminApi }) {
  const org = useOrgSettings();
  const audioFiles = useAsync(() => api.listAudio().catch((): AudioFile[] => []), [api]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [failure, setFailure] = useState<unknown>(null);
  const saved = org.settings?.recordingNotice;
  useEffect(() => setDraft(org.settings ? draftOf(org.settings.recordingNotice) : null), [org.settings]);

  const language = org.settings?.defaultCountry === 'JP' || !org.settings ? 'ja-JP' : 'en-US';
  const library: AudioLibrary = {
    files: audioFiles.data ?? [],
    upload: async (file) => {
      const stored = await api.uploadAudio(file);
      audioFiles.setData([stored, ...(audioFiles.data ?? [])]);
      return stored;
    },
  };
  const change = (next: Partial<Draft>) => {
    if (!draft) return;
    setDraft({ ...draft, ...next });
    setState('idle');
    setFailure(null);
  };
  const incomplete = draft !== null && ((draft.kind === 'text' && draft.text.trim() === '') || (draft.kind === 'audio' && draft.audioId === ''));
  const dirty = draft !== null && JSON.stringify(noticeOf(draft, saved)) !== JSON.stringify(noticeOf(draftOf(saved), saved));

  const issues = failure instanceof ApiError ? fieldErrorsUnder(failure.issues, ISSUE_PREFIX) : new Map<string, string>();
  const textError = errorForField(issues, 'message.text');
  const audioError = errorForField(issues, 'message.audioId');
  const firstIssue = issues.values().next().value;
  const alert = failure === null ? null : firstIssue ? t('recordingNotice.invalid', { problem: firstIssue }) : messageOf(failure);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft || incomplete) return;
    setState('saving');
    setFailure(null);
    try {
      const notice = noticeOf(draft, saved);
      const next = await api.editConfig((document) => ({ ...document, settings: { ...document.settings, recordingNotice: notice } }));
      org.saved(next);
      setState('saved');
    } catch (caught) {
      setFailure(caught);
      setState('idle');
    }
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
          {draft.enabled && draft.kind === 'audio' && (
            <AudioPromptField id="recording-notice-audio" label={t('recordingNotice.audio')} audioId={draft.audioId} error={audioError} library={library} onChange={(audioId) => change({ audioId: audioId ?? '' })} />
          )}
        </>
      )}
      <div class="yb-actions">
        <button type="submit" class="yb-button yb-button--primary" disabled={!dirty || incomplete || state === 'saving'}>
          {state === 'saving' ? t('common.saving') : t('common.save')}
        </button>
        {state === 'saved' && !dirty && <span role="status">{t('common.saved')}</span>}
      </div>
    </form>
  );
}
