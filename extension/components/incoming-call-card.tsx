import type { CountryCode } from 'libphonenumber-js';
import { t } from '@/locales/i18n';
import type { CallView } from '@/models/phone-state';
import { InviteBanner } from './call-control/invite-banner';
import { displayNumber, IvrPath, moduleName, RecordLink } from './call-party';
import { OtherRecords } from './other-records';

/** Who is calling, through which number and menu, the CRM match (and any other records with the number), and Accept / Decline. */
export function IncomingCallCard({
  call,
  country = 'JP',
  waiting = false,
  onAccept,
  onDecline,
}: {
  call: CallView;
  country?: CountryCode;
  /** Call waiting: the rep is already on a call. */
  waiting?: boolean;
  /** Both name this card's call: with two callers ringing, each card answers for its own. */
  onAccept: (callId: string) => void;
  onDecline: (callId: string) => void;
}) {
  const headingId = `yb-incoming-${call.callId}`;
  const others = call.record ? (call.others ?? []) : [];
  return (
    <section class="yb-card yb-incoming" role="alertdialog" aria-labelledby={headingId}>
      <p class="yb-incoming__kind">{waiting ? t('call.waiting') : t('call.incoming')}</p>
      {call.invite && <InviteBanner invite={call.invite} />}
      <h2 class="yb-incoming__caller" id={headingId}>
        {displayNumber(call.number, country)}
      </h2>
      {call.calledNumber && (
        <p class="yb-incoming__called">
          <span class="yb-muted">{t('common.label', { label: t('call.calledNumber') })}</span>
          {displayNumber(call.calledNumber, country)}
          {call.calledLabel && <span class="yb-tag">{call.calledLabel}</span>}
        </p>
      )}
      <IvrPath path={call.ivrPath ?? []} />
      {/* Polite: the CRM's answer may come while the card is up (late-match.ts), and is read out then. */}
      <p class="yb-incoming__record" aria-live="polite">
        {call.record ? (
          <RecordLink record={call.record} />
        ) : call.crmLookup === 'unanswered' ? (
          <span class="yb-muted">{t('call.crmUnanswered')}</span>
        ) : call.crmLookup === 'none' ? (
          <span class="yb-muted">{t('call.noRecord')}</span>
        ) : null}
        {/* With others to tell it from, the matched record says which module it is too. */}
        {call.record && others.length > 0 && <span class="yb-tag">{moduleName(call.record.module)}</span>}
      </p>
      {/* Keyed by call: a list opened for one caller is closed for the next. */}
      <OtherRecords key={call.callId} records={others} listId={`${headingId}-others`} />
      <div class="yb-incoming__actions">
        <button type="button" class="yb-button yb-button--accept" onClick={() => onAccept(call.callId)}>
          {t('call.accept')}
        </button>
        <button type="button" class="yb-button yb-button--decline" onClick={() => onDecline(call.callId)}>
          {t('call.decline')}
        </button>
      </div>
    </section>
  );
}
