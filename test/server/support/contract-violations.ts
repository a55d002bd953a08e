import { API_ERRORS, isApiErrorCode, type ApiErrorCode, type ParamValues } from '../../../contract/api-errors.ts';
import { apiErrorFallback, issueFallback } from '../../../extension/locales/api-error-messages.ts';
import { apiErrorText, issueText, type ErrorLanguage } from '../../../extension/locales/api-error-text.ts';

/** Hiragana, katakana or kanji: a Japanese sentence has at least one. */
export const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

const LANGUAGES: readonly ErrorLanguage[] = ['ja', 'en'];

interface Coded {
  code: unknown;
  message?: unknown;
  params?: unknown;
}

function paramViolations(code: ApiErrorCode, params: unknown, where: string): string[] {
  const declared = (API_ERRORS[code] as { params?: Record<string, 'string' | 'number'> }).params ?? {};
  const given = (params ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of Object.keys(given)) if (!(name in declared)) problems.push(`${where}: ${code} has a param "${name}" the contract does not name`);
  for (const [name, kind] of Object.entries(declared)) {
    if (typeof given[name] !== kind) problems.push(`${where}: ${code}.params.${name} should be a ${kind}, is ${JSON.stringify(given[name])}`);
  }
  return problems;
}

/** The extension's sentence in both languages: its own (not the fallback), no placeholder left, Japanese in Japanese. */
function wordingViolations(problem: Coded & { code: ApiErrorCode }, kind: 'error' | 'issue', where: string): string[] {
  const problems: string[] = [];
  const coded = { code: problem.code, params: problem.params as ParamValues | undefined };
  const render = (language: ErrorLanguage) => (kind === 'error' ? apiErrorText(language, coded) : issueText(language, coded));
  for (const language of LANGUAGES) {
    const text = render(language);
    const fallback = (kind === 'error' ? apiErrorFallback : issueFallback)[language];
    if (text === fallback) problems.push(`${where}: ${problem.code} has no ${language} sentence of its own (or lacks a param it needs)`);
    // A param's own value may hold braces (a menu template's `${Menu}`); the sentence around it may not.
    const values = Object.values((problem.params ?? {}) as Record<string, unknown>).map(String).filter((value) => value !== '');
    const words = values.reduce((remaining, value) => remaining.split(value).join(''), text);
    if (/\{\w+\}/.test(words)) problems.push(`${where}: ${problem.code} (${language}) leaves a placeholder: ${text}`);
    if (text.trim() === '') problems.push(`${where}: ${problem.code} (${language}) is empty`);
  }
  const ja = render('ja');
  if (!JAPANESE.test(ja)) problems.push(`${where}: ${problem.code} in Japanese has no Japanese: ${ja}`);
  if (typeof problem.message === 'string' && problem.message.length > 0 && ja.includes(problem.message)) {
    problems.push(`${where}: the Japanese for ${problem.code} repeats the server's English "${problem.message}"`);
  }
  return problems;
}

/**
 * What is wrong with one error response under the contract (contract/api-errors.ts): its code and
 * every issue's are the contract's, with the status and params it gives them, and the extension
 * words each in Japanese and English. Pure, for tests and benchmarks alike.
 */
export function contractViolations(status: number, body: unknown): { codes: ApiErrorCode[]; violations: string[] } {
  const error = (body as { error?: Coded & { issues?: unknown } } | null)?.error;
  if (!error) return { codes: [], violations: ['not an error body'] };
  if (!isApiErrorCode(error.code)) return { codes: [], violations: [`"${String(error.code)}" is not a code of the contract`] };
  const code = error.code;
  const violations: string[] = [];
  if (status !== API_ERRORS[code].status) violations.push(`${code} answered ${status}, the contract says ${API_ERRORS[code].status}`);
  if (typeof error.message !== 'string') violations.push(`${code} has no English message for logs`);
  violations.push(...paramViolations(code, error.params, 'error'), ...wordingViolations({ ...error, code }, 'error', 'error'));

  const codes: ApiErrorCode[] = [code];
  const issues = error.issues ?? [];
  if (!Array.isArray(issues)) return { codes, violations: [...violations, 'issues is not a list'] };
  for (const problem of issues as (Coded & { path: unknown })[]) {
    const where = `issue ${String(problem.path)}`;
    if (typeof problem.path !== 'string') violations.push(`${where}: the path is not a string`);
    if (!isApiErrorCode(problem.code)) {
      violations.push(`${where}: "${String(problem.code)}" is not a code of the contract`);
      continue;
    }
    violations.push(...paramViolations(problem.code, problem.params, where), ...wordingViolations({ ...problem, code: problem.code }, 'issue', where));
    codes.push(problem.code);
  }
  return { codes, violations };
}
