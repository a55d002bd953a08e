import { useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import { ApiError, fieldIssueText } from '@/models/api-error';
import { FormField } from './form-field';
import { useOrgSettings } from './org-settings';
import { messageOf } from './use-async';

/**
 * The export's file name, dated by the admin's own calendar: `toISOString` would give the UTC date,
 * yesterday's for an export made in Japan before 09:00.
 */
export function exportFileName(now: Date): string {
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  return `yobidashi-config-${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}.json`;
}

/**
 * Download the whole configuration (secrets masked) and import one back. An import is where the org's
 * country changes: the other pages follow the settings the server answers it with.
 */
export function ExportImportSection({ api }: { api: AdminApi }) {
  const org = useOrgSettings();
  const [document, setDocument] = useState<unknown>(null);
  const [issues, setIssues] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);

  const download = async () => {
    setStatus(null);
    try {
      const config = await api.getConfig();
      const url = URL.createObjectURL(new Blob([JSON.stringify(config, null, 2)], { type: 'application/json' }));
      const link = globalThis.document.createElement('a');
      link.href = url;
      link.download = exportFileName(new Date());
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      setStatus(messageOf(failure));
    }
  };
  const read = async (file: File | undefined) => {
    setIssues([]);
    setStatus(null);
    if (!file) return setDocument(null);
    try {
      setDocument(JSON.parse(await file.text()));
    } catch {
      setDocument(null);
      setStatus(t('exportImport.invalidJson'));
    }
  };
  const apply = async (event: Event) => {
    event.preventDefault();
    if (document === null || !globalThis.confirm(t('exportImport.confirm'))) return;
    try {
      org.saved(await api.putConfig(document));
      setStatus(t('exportImport.done'));
    } catch (failure) {
      // The path is the place in the admin's own file; the sentence is worded in the page language.
      setIssues(failure instanceof ApiError ? failure.issues.map((issue) => (issue.path ? `${issue.path}: ${fieldIssueText(issue)}` : fieldIssueText(issue))) : []);
      setStatus(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title" class="yb-heading">{t('tab.exportImport')}</h2>
      <button type="button" class="yb-button" onClick={() => void download()}>{t('exportImport.export')}</button>
      <form class="yb-form" onSubmit={apply}>
        <FormField id="import-file" label={t('exportImport.import')} help={t('exportImport.confirm')}>
          {(props) => <input {...props} type="file" accept="application/json,.json" onChange={(e) => void read(e.currentTarget.files?.[0])} />}
        </FormField>
        <button type="submit" class="yb-button yb-button--primary" disabled={document === null}>{t('exportImport.apply')}</button>
      </form>
      {status && <p class="yb-alert" role="status">{status}</p>}
      {issues.length > 0 && <ul class="yb-field__error">{issues.map((issue) => <li key={issue}>{issue}</li>)}</ul>}
    </section>
  );
}
