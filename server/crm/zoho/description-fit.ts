/**
 * Zoho's Calls `Description` is a textarea of 32,000 characters (zoho-crm.md §2); a longer one is
 * refused (`INVALID_DATA`, value too long) and the record keeps its old words. A call's history can
 * outgrow it (transfers, notes of several people), so the Description is made to fit: the history's
 * oldest lines go first, replaced by one saying how many, so that the newest stay; what the rep wrote
 * (note, disposition) and the CallSid marker at the end always stay. Only when those alone are too long
 * is the text before the marker cut. Lengths in UTF-16 code units, never fewer than Zoho counts.
 */
export const ZOHO_DESCRIPTION_MAX = 32_000;

const OMITTED = {
  ja: (count: number) => `…（古い経過${count}行を省略）`,
  en: (count: number) => `… (${count} earlier lines of the history left out)`,
} as const;

export interface DescriptionParts {
  /** Lines before the history (the IVR path). */
  head: readonly string[];
  /** The history: its title line, then one line per event, oldest first; empty without history. */
  history: readonly string[];
  /** Lines after the history, the CallSid marker last. */
  tail: readonly string[];
}

export function fitDescription(parts: DescriptionParts, locale: 'ja' | 'en', max = ZOHO_DESCRIPTION_MAX): string {
  const whole = [...parts.head, ...parts.history, ...parts.tail].join('\n');
  if (whole.length <= max) return whole;
  const [title, ...events] = parts.history;
  const fixed = [...parts.head, ...parts.tail].join('\n').length;
  // Keep the newest events that fit beside the title and the line saying how many were left out.
  let kept = 0;
  let used = fixed + (title === undefined ? 0 : title.length + 1);
  for (let index = events.length - 1; index >= 0; index--) {
    const omittedLine = OMITTED[locale](index).length + 1;
    if (used + events[index]!.length + 1 + (index > 0 ? omittedLine : 0) > max) break;
    used += events[index]!.length + 1;
    kept++;
  }
  const history = title === undefined ? [] : [title, OMITTED[locale](events.length - kept), ...events.slice(events.length - kept)];
  const fitted = [...parts.head, ...history, ...parts.tail].join('\n');
  if (fitted.length <= max) return fitted;
  // The rep's own words alone are too long: cut what comes before the marker.
  const marker = parts.tail.at(-1) ?? '';
  const before = fitted.slice(0, fitted.length - marker.length - 1);
  return `${before.slice(0, max - marker.length - 2)}…\n${marker}`;
}
