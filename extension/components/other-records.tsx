import { useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { CrmRecordRef } from '@/models/phone-state';
import { moduleName, RecordLink } from './call-party';

/**
 * The other records that have the caller's number, under the matched one: a disclosure ("2 other
 * records have this number") that opens a list of each with its module and a link to open it. The
 * name shown first is only the most recently modified record, so it may be the wrong person.
 */
export function OtherRecords({ records, listId }: { records: readonly CrmRecordRef[]; listId: string }) {
  const [open, setOpen] = useState(false);
  if (records.length === 0) return null;
  const count = records.length;
  return (
    <div class="yb-other-records">
      <button type="button" class="yb-link-button" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {t(count === 1 ? 'call.otherRecords.one' : 'call.otherRecords', { count })}
      </button>
      <ul class="yb-other-records__list" id={listId} hidden={!open}>
        {records.map((record) => (
          <li key={`${record.module}/${record.id}`}>
            <RecordLink record={record} />
            <span class="yb-tag">{moduleName(record.module)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
