import type { ComponentChildren } from 'preact';
import { t } from '@/locales/i18n';
import type { MessageKey } from '@/locales/messages';
import { SETUP_STEPS, type SetupStep, type StepState } from '@/models/setup-progress';
import { Icon } from '../icon';

export const DAILY_PAGES = ['presence', 'callLog', 'exportImport'] as const;
export type DailyPage = (typeof DAILY_PAGES)[number] | 'board' | 'analytics';
export type OptionsPage = SetupStep | DailyPage | 'account';

export const PAGE_TITLE: Record<OptionsPage, MessageKey> = {
  twilio: 'tab.twilio',
  incoming: 'tab.incoming',
  users: 'tab.users',
  outgoing: 'tab.outgoing',
  crm: 'tab.crm',
  setupCheck: 'tab.setupCheck',
  presence: 'tab.presence',
  callLog: 'tab.callLog',
  exportImport: 'tab.exportImport',
  board: 'tab.board',
  analytics: 'tab.analytics',
  account: 'tab.account',
};

const STATE_LABEL: Record<StepState, MessageKey> = { done: 'step.done', todo: 'step.todo', unknown: 'step.unknown' };

/**
 * The options page's navigation for admins: the first-run steps in order, numbered, each saying
 * whether it is done (in words, not only a mark), then the day-to-day pages and the admin's own account.
 */
export function SetupSteps({
  active,
  states,
  steps = SETUP_STEPS,
  daily = DAILY_PAGES,
  onOpen,
}: {
  active: OptionsPage;
  states: Record<SetupStep, StepState> | null;
  /** The numbered setup steps (none for a supervisor, who sets nothing up). */
  steps?: readonly SetupStep[];
  /** The day-to-day pages this user has. */
  daily?: readonly DailyPage[];
  onOpen: (page: OptionsPage) => void;
}) {
  const link = (page: OptionsPage, content: ComponentChildren, name?: string) => (
    <button type="button" class="yb-nav__link" aria-label={name} aria-current={page === active ? 'page' : undefined} data-page={page} onClick={() => onOpen(page)}>
      {content}
    </button>
  );
  return (
    <nav class="yb-nav" aria-label={t('options.navigation')}>
      {steps.length > 0 && (
        <h2 class="yb-nav__title" id="nav-steps">
          {t('options.steps')}
        </h2>
      )}
      {steps.length > 0 && (
      <ol class="yb-nav__list" aria-labelledby="nav-steps">
        {steps.map((step, index) => {
          const state = states?.[step] ?? 'unknown';
          return (
            <li key={step} class={`yb-nav__step yb-nav__step--${state}`}>
              {link(
                step,
                <>
                  {/* Spaces between the parts, so that they stay words of their own in the text (and in the check that the name holds what is shown). */}
                  <span class="yb-nav__number" aria-hidden="true">
                    {state === 'done' ? <Icon name="check" /> : index + 1}
                  </span>{' '}
                  <span class="yb-nav__name">{t(PAGE_TITLE[step])}</span>{' '}
                  <span class="yb-nav__state">{t(STATE_LABEL[state])}</span>
                </>,
                // The visible parts run together ("TwilioTo do") when read as one name: the label sets them apart.
                t('step.navName', { n: index + 1, name: t(PAGE_TITLE[step]), state: t(STATE_LABEL[state]) }),
              )}
            </li>
          );
        })}
      </ol>
      )}
      <h2 class="yb-nav__title" id="nav-daily">
        {t('options.daily')}
      </h2>
      <ul class="yb-nav__list" aria-labelledby="nav-daily">
        {daily.map((page) => (
          <li key={page}>{link(page, <span class="yb-nav__name">{t(PAGE_TITLE[page])}</span>)}</li>
        ))}
        <li>{link('account', <span class="yb-nav__name">{t(PAGE_TITLE.account)}</span>)}</li>
      </ul>
    </nav>
  );
}
