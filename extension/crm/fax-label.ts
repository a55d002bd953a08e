/**
 * Whether a field label or the words before a number say FAX: the Zoho adapter (a field's label or
 * its list column's header) and the enabled sites' adapter (the text before a number, its dt or th)
 * refuse those numbers. One definition for both.
 *
 * A line shared by phone and fax is common in Japan (`TEL/FAX`, `TEL_FAX`, 「電話・FAX兼用」): a label
 * that also names a phone is a phone's.
 */
const FAX_WORD = /fax|ファックス|ファクス|ファクシミリ/i;
/** `tel` as a word (`TEL_FAX`, `Company TEL`), not inside `Telefax` (German for fax) or `Hotel`. */
const PHONE_WORD = /(?<![a-z])tel(?!efax)|phone|mobile|電話|携帯/i;

/** True for a fax label: it names FAX (ＦＡＸ, ファックス…) and no phone. */
export function isFaxLabel(label: string): boolean {
  const text = label.normalize('NFKC');
  return FAX_WORD.test(text) && !PHONE_WORD.test(text);
}
