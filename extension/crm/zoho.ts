/**
 * Zoho CRM (every data centre). Zoho renders phone fields without tel: links, in Lyte components.
 * Evidence for each selector: shared/reference/zoho-crm.md §5.
 */
import { toE164 } from '@/calling/phone-numbers';
import { isElement, isSkipped, isText } from './editable';
import { isFaxLabel } from './fax-label';
import type { CrmRecord, PageAdapter, PhoneTarget, ScanContext } from './types';
import { isZohoCrmHost } from './zoho-hosts';

export const ZOHO_SELECTORS = {
  /**
   * The phone value in view mode, on detail pages, list views (`lvPhFld`) and related lists:
   * `<span class="cxPhoneViewValue lvPhFld">03-1234-5678</span>` — from Zoho's crux-phone-component
   * template, "VERIFIED live" in a public userscript [CRUX-PHONE; CPT-TOOLKIT].
   */
  phoneValue: 'span.cxPhoneViewValue',
  /** The record name on detail pages [CTX-EXT]. VERIFY which one a given org renders; both are tried. */
  recordName: '[data-zcqa="entityName"], .entityNameContent',
  /**
   * [inferred] A list-view or related-list row: Zoho's list table rows. We do not rely on their classes;
   * we only look inside the nearest row for a link to a record detail URL. VERIFY against a live org.
   */
  row: 'tr, [role="row"], lyte-exptable-tr, crux-table-row',
  /** A link to a record detail page inside a row (its text is the record name). */
  recordLink: 'a[href*="/tab/"]',
  /**
   * [inferred] Related lists on a record page (their header is `crm-related-list-view-header[related-module]`
   * [CTX-EXT]). Rows there are other records; rows elsewhere on a record page are layout. VERIFY.
   */
  relatedList: '[related-module], crm-related-list-view, crm-related-list',
  /**
   * A field's label on a record page: `<td class="cxFieldLabel" data-zcqa="detailView_Fax_label">FAX</td>`
   * right before the value's cell (test/fixtures/crm-pages/zoho-record-lead.html). `data-zcqa` carries
   * the field's API name. [inferred] A div layout is read the same way (the label is the previous sibling
   * of the value's container). VERIFY against a live org.
   */
  fieldLabel: '.cxFieldLabel, [data-zcqa$="_label"]',
} as const;

/**
 * Fax fields. Zoho stores and renders Fax (a standard field of Leads, Contacts, Accounts and Vendors,
 * data type "phone" in the fields API) with the same phone component as Phone and Mobile: only the field
 * tells them apart. Its API name (`Fax`, or a custom `FAX_2`) or its label (FAX, ＦＡＸ, ファックス, ファクス,
 * 会社FAX…) says so, unless either also names a phone (fax-label.ts: `TEL_FAX`, 「電話・FAX兼用」). In
 * list views the column header's text [inferred: list headers carry no API name in our fixture; VERIFY].
 */
const FAX_API_NAME = /(^|_)fax(_|\d|$)/i;
const LABEL_API_NAME = /^[A-Za-z]+_(.+)_label$/;
/** How far up from the value to look for its label (value span → component → cell or field container). */
const LABEL_SEARCH_DEPTH = 5;
/** At least 8 digits, ASCII or full-width: fewer is never a phone number. */
const ENOUGH_DIGITS = /(?:[0-9０-９][^0-9０-９]*){8}/;
const MASKED = /[*●•○◯×]|[xX]{2,}/;

/** `/crm/org<ORG>/tab/<Module>/<id>` (§5.1); the org segment may be absent; query and hash ignored. */
const RECORD_PATH = /\/crm\/(?:org\d+\/)?tab\/([A-Za-z][A-Za-z0-9_]*)\/(\d{6,})(?:[/?#]|$)/;
const LEGACY_RECORD_PATH = /\/crm\/(?:org\d+\/)?EntityInfo\.do$/;

/** Zoho's UI keeps the old module name Potentials in URLs; the API and our call log say Deals. */
const MODULE_API_NAMES: Record<string, string> = { Potentials: 'Deals' };

function recordFromUrl(url: URL): Pick<CrmRecord, 'module' | 'id'> | null {
  const match = RECORD_PATH.exec(url.pathname);
  if (match) return { module: MODULE_API_NAMES[match[1]!] ?? match[1]!, id: match[2]! };
  if (LEGACY_RECORD_PATH.test(url.pathname)) {
    const module = url.searchParams.get('module');
    const id = url.searchParams.get('id');
    if (module && id && /^\d+$/.test(id)) return { module: MODULE_API_NAMES[module] ?? module, id };
  }
  return null;
}

/** The label of the field a phone value belongs to: the label before its cell, or its list column's header. */
function fieldLabelOf(value: Element): Element | null {
  let node: Element | null = value;
  for (let depth = 0; node && depth < LABEL_SEARCH_DEPTH; depth++, node = node.parentElement) {
    const previous = node.previousElementSibling;
    if (previous?.matches(ZOHO_SELECTORS.fieldLabel)) return previous;
    if (node.matches('td, th')) break;
  }
  const cell = value.closest('td');
  const header = cell?.closest('table')?.querySelector('thead tr');
  if (!cell || !header) return null;
  // Asked for every value of a list (the fax check): the cell's column without copying the row.
  let column = 0;
  for (let before = cell.previousElementSibling; before; before = before.previousElementSibling) column++;
  return header.children[column] ?? null;
}

export function isFaxField(value: Element): boolean {
  const label = fieldLabelOf(value);
  if (!label) return false;
  const text = label.textContent ?? '';
  const apiName = LABEL_API_NAME.exec(label.getAttribute('data-zcqa') ?? '')?.[1];
  if (apiName && FAX_API_NAME.test(apiName)) return isFaxLabel(`${apiName} ${text}`);
  return isFaxLabel(text);
}

function textOf(element: Element | null | undefined): string | null {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/**
 * The record a list row stands for: the first link in the row to a record detail page. Only in list
 * views and related lists: on a record page a layout row may hold a lookup link (Account Name) next to
 * the phone, and that phone belongs to the page's record.
 */
function rowRecord(value: Element, pageUrl: URL): CrmRecord | undefined {
  if (recordFromUrl(pageUrl) && !value.closest(ZOHO_SELECTORS.relatedList)) return undefined;
  const row = value.closest(ZOHO_SELECTORS.row);
  if (!row) return undefined;
  for (const link of row.querySelectorAll(ZOHO_SELECTORS.recordLink)) {
    const url = new URL(link.getAttribute('href') ?? '', pageUrl);
    const record = recordFromUrl(url);
    if (record) return { crm: 'zoho', ...record, name: textOf(link), url: url.href };
  }
  return undefined;
}

export const zohoAdapter: PageAdapter = {
  id: 'zoho',

  matches: (url) => isZohoCrmHost(url.hostname),

  // Masked values (090-****-1234) and empty cells are refused by toE164: no place is kept after them.
  mayHoldNumber: (candidate) => {
    const text = candidate.textContent ?? '';
    return ENOUGH_DIGITS.test(text) && !MASKED.test(text);
  },

  *findCandidates(root) {
    const element = isText(root) ? root.parentElement : isElement(root) ? root : null;
    const enclosing = element?.closest(ZOHO_SELECTORS.phoneValue);
    if (enclosing) {
      if (!isSkipped(enclosing)) yield enclosing;
      return;
    }
    if (isText(root)) return;
    for (const value of root.querySelectorAll(ZOHO_SELECTORS.phoneValue)) {
      if (!isSkipped(value)) yield value;
    }
  },

  targetsFor(candidate, context: ScanContext): PhoneTarget[] {
    const display = candidate.textContent?.trim() ?? '';
    // Masked fields show cruxMaskValue(...) output such as "090-****-1234": toE164 refuses those.
    const e164 = toE164(display, context.country);
    if (!e164 || !isElement(candidate) || isFaxField(candidate)) return [];
    const { pageUrl } = context;
    // Read when the button is clicked, not when it is placed: Zoho reuses row nodes when a list pages
    // or re-sorts, and a re-scan skips values whose text did not change.
    return [
      {
        source: candidate,
        after: candidate,
        e164,
        display,
        get record() {
          return rowRecord(candidate, pageUrl);
        },
      },
    ];
  },

  recordContext(location, document) {
    const url = new URL(location.href);
    const record = recordFromUrl(url);
    if (!record) return null;
    return { crm: 'zoho', ...record, name: textOf(document.querySelector(ZOHO_SELECTORS.recordName)), url: url.href };
  },
};
