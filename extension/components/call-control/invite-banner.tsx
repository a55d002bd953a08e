import type { CallInvite } from '@/phone/call-info';
import { t } from '@/locales/i18n';

/** The headline of a leg rung into a running call: who transferred it (or consults, or adds you), a ring-back. */
export function inviteHeadline(invite: CallInvite): string {
  const name = invite.byName ?? t('invite.someone');
  switch (invite.purpose) {
    case 'transfer':
      return t('invite.transfer', { name });
    case 'consult':
      return t('invite.consult', { name });
    case 'add':
      return t('invite.add', { name });
    case 'recall':
      return t('invite.recall');
    case 'monitor':
      return t('invite.monitor');
  }
}

/**
 * On the incoming card (and then on the call card) of a call a colleague handed over: who it is from
 * and their note. A ring-back after an unanswered transfer says so. The caller, the CRM match and the
 * menu choices are the card's own, as for any incoming call.
 */
export function InviteBanner({ invite }: { invite: CallInvite }) {
  return (
    <div class={`yb-invite yb-invite--${invite.purpose}`}>
      <p class="yb-invite__from">{inviteHeadline(invite)}</p>
      {invite.note && (
        <p class="yb-invite__note">
          <span class="yb-muted">{t('common.label', { label: t('invite.note') })}</span>
          {invite.note}
        </p>
      )}
    </div>
  );
}
