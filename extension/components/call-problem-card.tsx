import type { CountryCode } from 'libphonenumber-js';
import { t } from '@/locales/i18n';
import { describeCallProblem } from '@/models/phone-model';
import type { CallProblemView } from '@/models/phone-state';
import { displayNumber } from './call-party';

/**
 * A call that did not start: which number, why (in the rep's words: the cause and what fixes it), the
 * one action that fixes it when it can be done from here (going online), and Close. Shown in the popup
 * and over the CRM page alike.
 */
export function CallProblemCard({
  problem,
  country = 'JP',
  online,
  onGoOnline,
  onClose,
}: {
  problem: CallProblemView;
  country?: CountryCode;
  /** The rep's online switch: "Go online" is offered while it is off. */
  online: boolean;
  onGoOnline: () => void;
  onClose: () => void;
}) {
  const titleKey = problem.direction === 'outbound' ? 'callProblem.title.outgoing' : 'callProblem.title.incoming';
  return (
    <section class="yb-card yb-call-problem" role="alert" aria-labelledby="yb-call-problem-title">
      <h2 class="yb-call-problem__title" id="yb-call-problem-title">
        {t(titleKey, { number: displayNumber(problem.number, country) })}
      </h2>
      <p class="yb-call-problem__reason">{describeCallProblem(problem.reason)}</p>
      <div class="yb-call-problem__actions">
        {problem.reason === 'offline' && !online && (
          <button type="button" class="yb-button yb-button--primary" onClick={onGoOnline}>
            {t('availability.goOnline')}
          </button>
        )}
        <button type="button" class="yb-button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}
