import { fillTemplate, isApiErrorCode, placeholdersOf, type ParamValues } from '../../contract/api-errors.ts';
import { apiErrorDurationWords, apiErrorFallback, apiErrorListWords, apiErrorMessages, apiErrorSingulars, apiErrorValueWords, issueFallback } from './api-error-messages.ts';
import type { MessageEntry } from './message-entry.ts';

export type ErrorLanguage = 'en' | 'ja';

/** What the server said, as the contract names it: a code and its params. */
export interface CodedProblem {
  code: string;
  params?: ParamValues | undefined;
}

/** `65536` bytes → `64 KB`, `1048576` → `1 MB`: limits people can read. */
function readableBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} B`;
}

/** Params that carry seconds, by code: worded as a duration people read. */
const SECONDS_PARAMS: Readonly<Record<string, readonly string[]>> = { voicemail_length_range: ['min', 'max'] };

/** `3600` → `1時間` / `1 hour`, `120` → `2分` / `2 minutes`, `10` → `10秒` / `10 seconds`: the largest whole unit. */
function readableSeconds(seconds: number, language: ErrorLanguage): string {
  const [unit, size] = seconds > 0 && seconds % 3600 === 0 ? (['hour', 3600] as const) : seconds > 0 && seconds % 60 === 0 ? (['minute', 60] as const) : (['second', 1] as const);
  const count = seconds / size;
  if (count === 1) return apiErrorDurationWords[unit === 'hour' ? 'oneHour' : unit === 'minute' ? 'oneMinute' : 'oneSecond'][language];
  return fillTemplate(apiErrorDurationWords[unit][language], { count: count.toLocaleString(language === 'ja' ? 'ja-JP' : 'en-US') });
}

/** `['a', 'b', 'c']` → `a, b and c` / `a、bとc`. */
function listed(values: readonly string[], language: ErrorLanguage): string {
  const last = values.at(-1);
  if (values.length < 2 || last === undefined) return values.join('');
  return `${values.slice(0, -1).join(apiErrorListWords.separator[language])}${apiErrorListWords.and[language]}${last}`;
}

/** `"ja-JP", "en-US"` (the server's JSON-quoted options) → `ja-JP, en-US` / `ja-JP、en-US`; as sent when not such a list. */
function readableOptions(options: string, language: ErrorLanguage): string {
  try {
    const values: unknown = JSON.parse(`[${options}]`);
    if (Array.isArray(values)) return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(apiErrorListWords.separator[language]);
  } catch {
    // Not a list of JSON values: shown as the server sent it.
  }
  return options;
}

/** A value the server sends as is (an internal state, a stored placeholder), in the page's words. */
function worded(code: string, name: string, value: string, language: ErrorLanguage): string {
  if (code === 'outbox_entry_not_parked' && name === 'status') {
    return Object.hasOwn(apiErrorValueWords.outboxStatus, value)
      ? apiErrorValueWords.outboxStatus[value as keyof typeof apiErrorValueWords.outboxStatus][language]
      : value;
  }
  if (code === 'menu_template_placeholders' && name === 'missing') {
    const names = value.split(', ').map((placeholder) => {
      const word = Object.hasOwn(apiErrorValueWords.menuPlaceholder, placeholder)
        ? apiErrorValueWords.menuPlaceholder[placeholder as keyof typeof apiErrorValueWords.menuPlaceholder][language]
        : placeholder;
      return fillTemplate(apiErrorListWords.quoted[language], { text: word });
    });
    return listed(names, language);
  }
  if (code === 'not_one_of' && name === 'options') return readableOptions(value, language);
  return value;
}

function shown(code: string, params: ParamValues | undefined, language: ErrorLanguage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (name === 'maxBytes' && typeof value === 'number') out[name] = readableBytes(value);
    else if (typeof value === 'number' && SECONDS_PARAMS[code]?.includes(name)) out[name] = readableSeconds(value, language);
    else out[name] = typeof value === 'number' ? value.toLocaleString(language === 'ja' ? 'ja-JP' : 'en-US') : worded(code, name, value, language);
  }
  return out;
}

/** The code's sentence, in its singular form when the param that counts is exactly one. */
function entryWithCount(code: string, entry: MessageEntry, params: ParamValues | undefined): MessageEntry {
  const singular = isApiErrorCode(code) ? apiErrorSingulars[code] : undefined;
  return singular && params?.[singular.count] === 1 ? singular : entry;
}

/** The entry's sentence with its params, or null when the code is unknown or a param it needs is missing. */
function render(entry: MessageEntry | undefined, problem: CodedProblem, language: ErrorLanguage): string | null {
  if (!entry) return null;
  const template = entryWithCount(problem.code, entry, problem.params)[language];
  const params = shown(problem.code, problem.params, language);
  if (placeholdersOf(template).some((name) => params[name] === undefined)) return null;
  return fillTemplate(template, params);
}

const entryFor = (code: string) => (isApiErrorCode(code) ? apiErrorMessages[code] : undefined);

/** The sentence for an API error in the page's language; never the server's English, never a bare placeholder. */
export function apiErrorText(language: ErrorLanguage, problem: CodedProblem): string {
  return render(entryFor(problem.code), problem, language) ?? apiErrorFallback[language];
}

/** The sentence under a field for one of its problems. */
export function issueText(language: ErrorLanguage, problem: CodedProblem): string {
  return render(entryFor(problem.code), problem, language) ?? issueFallback[language];
}
