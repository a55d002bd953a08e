import type { CountryCode } from 'libphonenumber-js';
import type { LiveCallView, PartyView } from '@/call-control/live-call-view';
import { t } from '@/locales/i18n';
import { displayNumber } from '../call-party';

/** A person on the call as the rep reads them: お客様 090-…, a colleague's name, an outside number, a supervisor. */
export function partyName(party: PartyView, country: CountryCode = 'JP'): string {
  switch (party.kind) {
    case 'customer':
      return `${t('party.customer')} ${displayNumber(party.number, country)}`;
    case 'guest':
      return party.number ? displayNumber(party.number, country) : t('party.outside');
    case 'supervisor':
      return `${party.name ?? ''} (${t('party.supervisor')})`.trim();
    case 'rep':
      return party.name ?? t('invite.someone');
  }
}

/** What they are doing: talking, on hold, ringing; a supervisor listening, whispering or on the call. */
export function partyStatus(party: PartyView): string {
  if (party.kind === 'supervisor' && party.monitor && party.state !== 'ringing') return t(`party.monitor.${party.monitor}`);
  return t(`party.state.${party.state}`);
}

/**
 * Everyone on the call and their state. Supervisors are listed with their mode too: the rep always
 * sees who is listening (docs/call-flow.md, "What the rep sees").
 */
export function ParticipantsList({ view, country = 'JP' }: { view: LiveCallView; country?: CountryCode }) {
  return (
    <section class="yb-parties" aria-labelledby={`yb-parties-${view.callSid}`}>
      <h3 class="yb-parties__title" id={`yb-parties-${view.callSid}`}>
        {t('party.list')}
      </h3>
      <ul class="yb-parties__list">
        {view.parties.map((party) => (
          <li key={party.key} class={`yb-party yb-party--${party.state}`}>
            <span class="yb-party__who">
              {partyName(party, country)}
              {party.you && <span class="yb-muted"> {t('party.you')}</span>}
            </span>
            <span class={`yb-tag yb-party__state${party.kind === 'supervisor' ? ' yb-party__state--monitor' : ''}`}>{partyStatus(party)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
