import { getByRole } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupSteps } from '@/components/options/setup-steps';
import { uiLanguage } from '@/locales/i18n';
import { renderUi } from './render';

const STATES = { twilio: 'todo', incoming: 'done', users: 'unknown', outgoing: 'todo', crm: 'todo', setupCheck: 'todo' } as const;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the setup steps as a screen reader names them', () => {
  it.each([
    ['en', 'Step 1: Twilio, To do', 'Step 2: Incoming numbers, Done', 'Step 3: Users, Not checked yet'],
    ['ja', 'ステップ 1：Twilio、未完了', 'ステップ 2：着信番号、完了', 'ステップ 3：ユーザー、未確認'],
  ] as const)('%s: the step, its page and its state, each apart', (language, twilio, incoming, users) => {
    uiLanguage.value = language;
    const { container } = renderUi(<SetupSteps active="twilio" states={STATES} onOpen={() => {}} />);
    expect(getByRole(container, 'button', { name: twilio }).dataset['page']).toBe('twilio');
    expect(getByRole(container, 'button', { name: incoming }).dataset['page']).toBe('incoming');
    expect(getByRole(container, 'button', { name: users }).dataset['page']).toBe('users');
  });

  it('still shows the page and its state as they were', () => {
    uiLanguage.value = 'en';
    const { container } = renderUi(<SetupSteps active="twilio" states={STATES} onOpen={() => {}} />);
    const twilio = getByRole(container, 'button', { name: 'Step 1: Twilio, To do' });
    expect(twilio.querySelector('.yb-nav__name')?.textContent).toBe('Twilio');
    expect(twilio.querySelector('.yb-nav__state')?.textContent).toBe('To do');
  });
});
