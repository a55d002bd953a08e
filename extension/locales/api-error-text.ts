import { fillTemplate, isApiErrorCode, placeholdersOf, type ParamValues } from '../../contract/api-errors.ts';
import { apiErrorFallback, apiErrorMessages, issueFallback } from './api-error-messages.ts';
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

function shown(params: ParamValues | undefined, language: ErrorLanguage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (name === 'maxBytes' && typeof value === 'number') out[name] = readableBytes(value);
    else out[name] = typeof value === 'number' ? value.toLocaleString(language === 'ja' ? 'ja-JP' : 'en-US') : value;
  }
  return out;
}

/** The entry's sentence with its params, or null when the code is unknown or a param it needs is missing. */
function render(entry: MessageEntry | undefined, problem: CodedProblem, language: ErrorLanguage): string | null {
  if (!entry) return null;
  const template = entry[language];
  const params = shown(problem.params, language);
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
