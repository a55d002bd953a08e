import { useEffect, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/locales/i18n';
import type { AdminApi, SetupReport } from '@/models/admin-api';
import { ApiError } from '@/models/api-error';
import { formatForDisplay } from '@/models/phone-number-format';
import { Icon } from '../icon';
import { DataTable } from './data-table';
import { useOrgCountry } from './org-settings';
import { TakeOverQuestion } from './take-over-question';
import { takeOverText } from './take-over-text';
import { messageOf, useAsync } from './use-async';

/** A fix that would take a number away from what answers it now (409 number_in_use): it waits for the admin. */
type TakeOver = { id: string; warning: ApiError };

/**
 * Step 6: is Twilio set up and still wired to this server, may every outgoing number be used, who
 * can be rung now; each fixable problem has a one-click fix. A fix that would take a number over
 * from another IVR or a SIP trunk asks first, as adding the number does. `onChecked`: a new report arrived.
 */
export function SetupCheckSection({ api, onChecked }: { api: AdminApi; onChecked?: () => void }) {
  const report = useAsync(() => api.getSetupCheck(), [api]);
  const country = useOrgCountry();
  useEffect(() => {
    if (report.data) onChecked?.();
  }, [report.data]);
  const [fixing, setFixing] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [takeOver, setTakeOver] = useState<TakeOver | null>(null);
  const lang = uiLanguage.value;

  const fix = async (id: string, confirm = false) => {
    setFixing(id);
    setFailure(null);
    setTakeOver(null);
    try {
      const next: SetupReport = confirm ? await api.fixSetupProblem(id, true) : await api.fixSetupProblem(id);
      report.setData(next);
    } catch (caught) {
      if (!confirm && caught instanceof ApiError && caught.code === 'number_in_use') setTakeOver({ id, warning: caught });
      else setFailure(caught);
    } finally {
      setFixing(null);
    }
  };
  const findings = report.data?.findings ?? [];
  const problems = findings.filter((finding) => !finding.ok);
  const passed = findings.filter((finding) => finding.ok);
  const names = (reps: readonly { name: string }[]) => reps.map((rep) => rep.name).join(lang === 'ja' ? '、' : ', ') || '—';

  return (
    <section aria-labelledby="setup-title" aria-busy={report.loading}>
      <div class="yb-row">
        <h2 id="setup-title" class="yb-heading">{t('tab.setupCheck')}</h2>
        <button type="button" class="yb-button" disabled={report.loading} onClick={() => void report.reload()}>
          {t('setup.recheck')}
        </button>
      </div>
      {report.error && <p class="yb-alert yb-alert--error" role="alert">{report.error}</p>}
      {failure !== null && <p class="yb-alert yb-alert--error" role="alert">{messageOf(failure)}</p>}
      {takeOver && (
        <TakeOverQuestion
          id="setup-takeover-text"
          question={takeOverText(takeOver.warning, lang)}
          busy={fixing !== null}
          onConfirm={() => void fix(takeOver.id, true)}
          onDismiss={() => setTakeOver(null)}
        />
      )}
      {report.data && (
        <p class={`yb-alert ${report.data.ok ? '' : 'yb-alert--error'}`} role="status">
          {report.data.ok ? t('setup.allGood') : t('setup.problems', { count: problems.filter((p) => p.severity === 'error').length })}
        </p>
      )}
      {problems.length > 0 && (
        <>
        <h3 class="yb-heading" id="setup-problems">{t('setup.problemList')}</h3>
        <ul class="yb-findings" aria-labelledby="setup-problems">
          {problems.map((finding) => (
            <li key={finding.id} class="yb-finding" data-finding={finding.id}>
              <span class={`yb-tag ${finding.severity === 'error' ? 'yb-tag--alert' : ''}`}>
                <Icon name="warning" /> {t(finding.severity === 'error' ? 'setup.error' : 'setup.warning')}
              </span>
              <span>{finding.message[lang]}</span>
              {finding.fix && (
                <button type="button" class="yb-button yb-button--primary" disabled={fixing !== null} onClick={() => void fix(finding.id)}>
                  {fixing === finding.id ? t('setup.fixing') : t('setup.fix')}
                </button>
              )}
            </li>
          ))}
        </ul>
        </>
      )}
      {passed.length > 0 && (
        <>
        <h3 class="yb-heading" id="setup-passed">{t('setup.passedList')}</h3>
        <ul class="yb-findings" aria-labelledby="setup-passed">
          {passed.map((finding) => (
            <li key={finding.id} class="yb-finding yb-finding--ok" data-finding={finding.id}>
              <Icon name="check" /> <span>{finding.message[lang]}</span>
            </li>
          ))}
        </ul>
        </>
      )}
      {(report.data?.reps.length ?? 0) > 0 && (
        <>
          <h3 class="yb-heading">{t('setup.whoRings')}</h3>
          <DataTable columns={[t('outgoing.number'), t('setup.ringable'), t('setup.busy'), t('setup.offline')]}>
            {report.data!.reps.map((row) => (
              <tr key={row.number}>
                <th scope="row">{formatForDisplay(row.number, country)} {row.label}</th>
                <td>{names(row.ringable)}</td>
                <td>{names(row.busy)}</td>
                <td>{names(row.offline)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
