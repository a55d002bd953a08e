import { useRef, useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi } from '@/models/admin-api';
import type { BoardApi } from '@/models/board-api';
import type { UnsavedChanges } from '@/models/unsaved-changes';
import { AccountSection, type AccountSectionProps } from './account-section';
import { AnalyticsSection } from './analytics-section';
import { BoardSection } from './board-section';
import { CallLogSection } from './call-log-section';
import { CrmSection } from './crm-section';
import { ExportImportSection } from './export-import-section';
import { IncomingSection } from './incoming-section';
import { OutgoingSection } from './outgoing-section';
import { PresenceSection } from './presence-section';
import { SetupCheckSection } from './setup-check-section';
import { TwilioSection } from './twilio-section';
import { useAsync } from './use-async';
import { UsersSection } from './users-section';

const REP_TABS = ['account'] as const;
const ADMIN_TABS = ['account', 'twilio', 'incoming', 'outgoing', 'setupCheck', 'users', 'presence', 'callLog', 'crm', 'exportImport'] as const;
/** The live board and analytics: admins' and supervisors'. */
const BOARD_TABS = ['board', 'analytics'] as const;
type BoardTab = (typeof BOARD_TABS)[number];
type Tab = (typeof ADMIN_TABS)[number] | BoardTab;
const isBoardTab = (tab: Tab): tab is BoardTab => (BOARD_TABS as readonly Tab[]).includes(tab);

export interface OptionsAppProps extends AccountSectionProps {
  /** Present when the signed-in user is an admin. */
  admin: AdminApi | null;
  unsaved: UnsavedChanges;
  /** Present when the signed-in user is an admin or a supervisor. */
  board?: BoardApi | null;
}

/** The options page: tabs (arrow keys move between them), the rep's account, and the admin's setup. */
export function OptionsApp(props: OptionsAppProps) {
  let tabs: readonly Tab[] = props.admin ? ADMIN_TABS : REP_TABS;
  if (props.board) tabs = [...tabs, ...BOARD_TABS];
  const [active, setActive] = useState<Tab>('account');
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const select = (tab: Tab, focus = false) => {
    if (tab === active) return;
    if (props.unsaved.any.value && !globalThis.confirm(t('common.unsavedChanges'))) return;
    props.unsaved.set('incoming', false);
    props.unsaved.set('outgoing', false);
    setActive(tab);
    if (focus) tabRefs.current[tab]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.indexOf(active);
    const next =
      event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length]
      : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length]
      : event.key === 'Home' ? tabs[0]
      : event.key === 'End' ? tabs[tabs.length - 1]
      : undefined;
    if (next) {
      event.preventDefault();
      select(next, true);
    }
  };

  return (
    <main class="yb-root yb-options">
      <h1 class="yb-title">{t('options.title')}</h1>
      {tabs.length > 1 && (
        <div class="yb-tabs" role="tablist" aria-label={t('options.sections')} onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <button
              type="button"
              role="tab"
              key={tab}
              id={`tab-${tab}`}
              ref={(element) => void (tabRefs.current[tab] = element)}
              aria-selected={tab === active}
              aria-controls={`panel-${tab}`}
              tabIndex={tab === active ? 0 : -1}
              onClick={() => select(tab)}
            >
              {t(`tab.${tab}`)}
            </button>
          ))}
        </div>
      )}
      <div role={tabs.length > 1 ? 'tabpanel' : undefined} id={`panel-${active}`} aria-labelledby={tabs.length > 1 ? `tab-${active}` : undefined}>
        {active === 'account' && (
          <AccountSection account={props.account} language={props.language} defaultCountry={props.defaultCountry} sites={props.sites} actions={props.actions} audio={props.audio} />
        )}
        {props.admin && active !== 'account' && <AdminPanel api={props.admin} tab={active} unsaved={props.unsaved} />}
        {props.board && isBoardTab(active) && (active === 'board' ? <BoardSection api={props.board} /> : <AnalyticsSection api={props.board} isAdmin={Boolean(props.admin)} />)}
      </div>
    </main>
  );
}

function AdminPanel({ api, tab, unsaved }: { api: AdminApi; tab: Exclude<Tab, 'account'>; unsaved: UnsavedChanges }) {
  const users = useAsync(() => api.listUsers(), [api]);
  const list = users.data ?? [];
  const reps = list.filter((user) => user.active).map((user) => ({ id: user.id, name: user.name }));
  switch (tab) {
    case 'twilio':
      return <TwilioSection api={api} />;
    case 'incoming':
      return <IncomingSection api={api} users={reps} unsaved={unsaved} />;
    case 'outgoing':
      return <OutgoingSection api={api} users={list} unsaved={unsaved} />;
    case 'setupCheck':
      return <SetupCheckSection api={api} />;
    case 'users':
      return <UsersSection api={api} users={list} onChanged={() => void users.reload()} />;
    case 'presence':
      return <PresenceSection api={api} />;
    case 'callLog':
      return <CallLogSection api={api} users={list} />;
    case 'crm':
      return <CrmSection api={api} />;
    case 'exportImport':
      return <ExportImportSection api={api} />;
    case 'board':
    case 'analytics':
      return null;
  }
}
