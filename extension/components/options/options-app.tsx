import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import type { BoardApi } from '@/models/board-api';
import type { PasswordChange } from '@/models/own-password';
import { createSetupProgress, firstStepToDo, SETUP_STEPS, type SetupProgress, type SetupStep } from '@/models/setup-progress';
import type { UnsavedChanges } from '@/models/unsaved-changes';
import { Icon } from '../icon';
import { AccountSection, type AccountSectionProps } from './account-section';
import { AnalyticsSection } from './analytics-section';
import { BoardSection } from './board-section';
import { InvitesSection } from './invites-section';
import { CallLogSection } from './call-log-section';
import { CrmSection } from './crm-section';
import { ExportImportSection } from './export-import-section';
import { IncomingSection } from './incoming-section';
import { OrgSettingsProvider } from './org-settings';
import { OutgoingSection } from './outgoing-section';
import { PasswordSection } from './password-section';
import { PresenceSection } from './presence-section';
import { SetupCheckSection } from './setup-check-section';
import { DAILY_PAGES, PAGE_TITLE, SetupSteps, type OptionsPage } from './setup-steps';
import { TwilioSection } from './twilio-section';
import { useAsync } from './use-async';
import { UsersSection } from './users-section';

export interface OptionsAppProps extends AccountSectionProps {
  /** Present when the signed-in user is an admin. */
  admin: AdminApi | null;
  unsaved: UnsavedChanges;
  /** Present while signed in: changing one's own password. */
  changePassword?: PasswordChange | undefined;
  /** Present when the signed-in user is an admin or a supervisor: the live board and analytics. */
  board?: BoardApi | null;
}

/**
 * The options page. Reps: their account. Admins: a guided setup — numbered steps (Twilio → numbers →
 * users → outgoing numbers → CRM → check), each done or to do, beside the page of the chosen step —
 * then the day-to-day pages and their own account. The org's settings (its country for numbers) are
 * read once here for every page.
 */
export function OptionsApp(props: OptionsAppProps) {
  return (
    <OrgSettingsProvider api={props.admin} board={props.board ?? null} fallbackCountry={props.defaultCountry}>
      <OptionsPages {...props} />
    </OrgSettingsProvider>
  );
}

function OptionsPages(props: OptionsAppProps) {
  const progress = useMemo(() => (props.admin ? createSetupProgress(props.admin) : null), [props.admin]);
  const [chosen, setChosen] = useState<OptionsPage | null>(null);
  useEffect(() => {
    if (progress) void progress.refresh();
  }, [progress]);
  const states = progress?.states.value ?? null;
  // The admin lands once on the first step still to do; finishing a step never moves them away.
  useEffect(() => {
    // Functional: a click that came first wins over the landing.
    if (states) setChosen((current) => current ?? firstStepToDo(states));
  }, [states]);
  const landing: OptionsPage = props.admin ? (states ? firstStepToDo(states) : 'twilio') : props.board ? 'board' : 'account';
  const active: OptionsPage = chosen ?? landing;

  const title = t('options.title');
  // The tab and the window list name the page in the UI's language, not index.html's fixed "Yobidashi".
  useEffect(() => {
    document.title = title;
  }, [title]);

  const open = (page: OptionsPage) => {
    if (page === active) return setChosen(page);
    if (props.unsaved.any.value && !globalThis.confirm(t('common.unsavedChanges'))) return;
    props.unsaved.set('incoming', false);
    props.unsaved.set('outgoing', false);
    setChosen(page);
    void progress?.refresh();
    globalThis.scrollTo?.({ top: 0 });
  };

  const account = (
    <AccountSection account={props.account} language={props.language} defaultCountry={props.defaultCountry} sites={props.sites} actions={props.actions} audio={props.audio} managed={props.managed}>
      {props.changePassword && <PasswordSection change={props.changePassword} />}
    </AccountSection>
  );

  const boardPage =
    props.board && (active === 'board' || active === 'analytics') ? (
      active === 'board' ? (
        <BoardSection api={props.board} />
      ) : (
        <AnalyticsSection api={props.board} isAdmin={Boolean(props.admin)} />
      )
    ) : null;

  if (!props.admin || !progress) {
    if (!props.board) {
      return (
        <main class="yb-root yb-options yb-options--single">
          <h1 class="yb-title">{t('options.title')}</h1>
          {account}
        </main>
      );
    }
    // A supervisor: the live board and analytics, and their own account.
    return (
      <main class="yb-root yb-options">
        <header class="yb-options__header">
          <h1 class="yb-title">{t('options.title')}</h1>
        </header>
        <div class="yb-options__layout">
          <SetupSteps active={active} states={null} steps={[]} daily={['board', 'analytics']} onOpen={open} />
          <div class="yb-options__page" data-page={active}>
            {boardPage ?? account}
          </div>
        </div>
      </main>
    );
  }

  const stepIndex = SETUP_STEPS.indexOf(active as SetupStep);
  const nextStep = stepIndex >= 0 ? SETUP_STEPS[stepIndex + 1] : undefined;
  return (
    <main class="yb-root yb-options">
      <header class="yb-options__header">
        <h1 class="yb-title">{t('options.title')}</h1>
        {props.account.user && <p class="yb-muted">{t('account.signedInAs', { name: props.account.user.name, email: props.account.user.email })}</p>}
      </header>
      <div class="yb-options__layout">
        <SetupSteps active={active} states={states} daily={props.board ? ['board', 'analytics', ...DAILY_PAGES] : DAILY_PAGES} onOpen={open} />
        <div class="yb-options__page" data-page={active}>
          {stepIndex >= 0 && <p class="yb-step-kicker">{t('step.counter', { n: stepIndex + 1, total: SETUP_STEPS.length })}</p>}
          {active === 'account' ? (
            account
          ) : (
            (boardPage ?? (active !== 'board' && active !== 'analytics' && (
              <AdminPage key={active} api={props.admin} page={active} unsaved={props.unsaved} progress={progress} serverUrl={props.account.serverUrl ?? ''} />
            )))
          )}
          {nextStep && (
            <div class="yb-step-next">
              <button type="button" class="yb-button" onClick={() => open(nextStep)}>
                {t('step.next', { step: t(PAGE_TITLE[nextStep]) })} <Icon name="next" />
              </button>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}

function AdminPage({
  api,
  page,
  unsaved,
  progress,
  serverUrl,
}: {
  api: AdminApi;
  page: Exclude<OptionsPage, 'account' | 'board' | 'analytics'>;
  unsaved: UnsavedChanges;
  progress: SetupProgress;
  serverUrl: string;
}) {
  const users = useAsync(() => api.listUsers(), [api]);
  const list = users.data ?? [];
  const reps = list.filter((user) => user.active).map((user) => ({ id: user.id, name: user.name }));
  const changed = () => void progress.refresh();
  switch (page) {
    case 'twilio':
      return <TwilioSection api={api} onChanged={changed} />;
    case 'incoming':
      return <IncomingSection api={api} users={reps} unsaved={unsaved} onChanged={changed} />;
    case 'users':
      return (
        <>
          <UsersSection api={api} users={list} onChanged={() => (void users.reload(), changed())} />
          <InvitesSection api={api} serverUrl={serverUrl} />
        </>
      );
    case 'outgoing':
      return <OutgoingSection api={api} users={list} unsaved={unsaved} onChanged={changed} />;
    case 'crm':
      return <CrmSection api={api} />;
    case 'setupCheck':
      return <SetupCheckSection api={api} onChecked={changed} />;
    case 'presence':
      return <PresenceSection api={api} />;
    case 'callLog':
      return <CallLogSection api={api} users={list} />;
    case 'exportImport':
      return <ExportImportSection api={api} />;
  }
}
