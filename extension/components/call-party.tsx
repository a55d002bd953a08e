import type { CountryCode } from 'libphonenumber-js';
import { t, type MessageKey } from '@/locales/i18n';
import { formatForDisplay, isWithheldNumber } from '@/models/phone-number-format';
import type { CrmRecordRef } from '@/models/phone-state';

/** A number as a rep reads it: `03-1234-5678`, `+1 415 555 2671`, or 非通知 / Anonymous when withheld. */
export function displayNumber(number: string | null | undefined, country: CountryCode = 'JP'): string {
  return isWithheldNumber(number) ? t('call.anonymous') : formatForDisplay(number ?? '', country);
}

export function RecordLink({ record, label }: { record: CrmRecordRef; label?: string }) {
  const name = record.name || `${moduleName(record.module)} ${record.id}`;
  if (!record.url) return <span class="yb-record">{name}</span>;
  return (
    <a class="yb-record" href={record.url} target="_blank" rel="noopener noreferrer" title={t('call.openRecord', { name })}>
      {label ?? name}
    </a>
  );
}

const MODULE_NAMES: Readonly<Record<string, MessageKey>> = {
  Leads: 'call.module.Leads',
  Contacts: 'call.module.Contacts',
  Accounts: 'call.module.Accounts',
  Deals: 'call.module.Deals',
};

/** A CRM module as the CRM's own tabs name it (見込み客, 連絡先…); a module we do not know, as is. */
export function moduleName(module: string): string {
  return Object.hasOwn(MODULE_NAMES, module) ? t(MODULE_NAMES[module]!) : module;
}

/** The IVR choices a caller made: `営業 › 新規`. */
export function IvrPath({ path }: { path: readonly string[] }) {
  if (path.length === 0) return null;
  return (
    <p class="yb-ivr-path">
      <span class="yb-visually-hidden">{t('common.label', { label: t('call.ivrPath') })}</span>
      {path.join(' › ')}
    </p>
  );
}
