import { useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { AudioFile } from '@/models/admin-api';
import type { AudioLibrary } from './audio-prompt-field';
import { messageOf } from './use-async';

/** 1.2 MB, 350 KB, counted in 1024s as the upload limit is (“5 MB”), written the page language's way. */
function sizeText(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 1) return new Intl.NumberFormat(uiLanguage.value, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(mb);
  return new Intl.NumberFormat(uiLanguage.value, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024));
}

/**
 * Every uploaded audio file, each with Delete: a wrong upload (or a retry's extra copy) would otherwise
 * stay in every audio list for good. The server refuses to delete a file a saved number or the outgoing
 * hold music plays (409, worded here); a file chosen in this unsaved form cannot be deleted from it.
 */
export function AudioLibraryList({ library, chosen }: { library: AudioLibrary; chosen: ReadonlySet<string> }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const { remove } = library;
  if (!remove || library.files.length === 0) return null;

  const nameOf = (file: AudioFile) => file.name || file.id;
  const deleteFile = async (file: AudioFile) => {
    if (!globalThis.confirm(t('voice.audio.deleteConfirm', { name: nameOf(file) }))) return;
    setBusy(true);
    setFailure(null);
    setDeleted(null);
    try {
      await remove(file);
      setDeleted(nameOf(file));
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="yb-audio-library">
      <summary>{t('voice.audio.library', { count: library.files.length })}</summary>
      <p class="yb-field__help">{t('voice.audio.library.help')}</p>
      {failure !== null && (
        <p class="yb-alert yb-alert--error" role="alert">
          {messageOf(failure)}
        </p>
      )}
      {deleted && (
        <p class="yb-alert" role="status">
          {t('voice.audio.deleted', { name: deleted })}
        </p>
      )}
      <ul class="yb-audio-library__files">
        {library.files.map((file) => (
          <li key={file.id} class="yb-audio-library__file">
            <span class="yb-audio-library__name">{nameOf(file)}</span>
            <span class="yb-muted">{sizeText(file.size)}</span>
            {chosen.has(file.id) ? (
              <span class="yb-tag">{t('voice.audio.chosenHere')}</span>
            ) : (
              <button type="button" class="yb-button yb-button--danger" disabled={busy} aria-label={t('voice.audio.delete', { name: nameOf(file) })} onClick={() => void deleteFile(file)}>
                {t('common.delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
