import { expect } from 'vitest';
import { API_ERRORS, isApiErrorCode, type ApiErrorCode, type ParamValues } from '../../../contract/api-errors.ts';
import { apiErrorFallback, issueFallback } from '../../../extension/locales/api-error-messages.ts';
import { apiErrorText, issueText, type ErrorLanguage } from '../../../extension/locales/api-error-text.ts';

/** Hiragana, katakana or kanji: a Japanese sentence has at least one. */
export const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

const LANGUAGES: readonly ErrorLanguage[] = ['ja', 'en'];

interface Coded {
  code: unknown;
  message: unknown;
  params?: unknown;
}

function checkParams(code: ApiErrorCode, params: unknown, where: string): void {
  const declared = (API_ERRORS[code] as { params?: Record<string, 'string' | 'number'> }).params ?? {};
  const given = (params ?? {}) as Record<string, unknown>;
  expect(Object.keys(given).sort(), `${where}: the params of ${code}`).toEqual(Object.keys(declared).sort());
  for (const [name, kind] of Object.entries(declared)) {
    expect(typeof given[name], `${where}: ${code}.params.${name}`).toBe(kind);
  }
}

/** The extension's sentence in both languages: its own (not the fallback), no placeholder left, Japanese in Japanese. */
function checkWording(problem: Coded & { code: ApiErrorCode }, kind: 'error' | 'issue', where: string): void {
  for (const language of LANGUAGES) {
    const coded = { code: problem.code, params: problem.params as ParamValues | undefined };
    const text = kind === 'error' ? apiErrorText(language, coded) : issueText(language, coded);
    const fallback = (kind === 'error' ? apiErrorFallback : issueFallback)[language];
    expect(text, `${where}: ${problem.code} has its own ${language} sentence`).not.toBe(fallback);
    // A param's own value may hold braces (a menu template's `${Menu}`); the sentence around it may not.
    const values = Object.values((problem.params ?? {}) as Record<string, unknown>).map(String).filter((value) => value !== '');
    const words = values.reduce((remaining, value) => remaining.split(value).join(''), text);
    expect(words, `${where}: ${problem.code} (${language}) leaves no placeholder`).not.toMatch(/\{\w+\}/);
    expect(text.trim(), `${where}: ${problem.code} (${language})`).not.toBe('');
  }
  const ja = kind === 'error' ? apiErrorText('ja', { code: problem.code, params: problem.params as ParamValues }) : issueText('ja', { code: problem.code, params: problem.params as ParamValues });
  expect(ja, `${where}: ${problem.code} in Japanese`).toMatch(JAPANESE);
  if (typeof problem.message === 'string' && problem.message.length > 0) {
    expect(ja.includes(problem.message), `${where}: the Japanese for ${problem.code} repeats the server's English "${problem.message}"`).toBe(false);
  }
}

/**
 * One error response checked against the contract: its code (and every issue's) is in
 * contract/api-errors.ts with the status and params the contract gives it, and the extension words
 * each in Japanese and English. Returns every code the body carries.
 */
export function checkErrorBody(status: number, body: unknown, where = 'response'): ApiErrorCode[] {
  const error = (body as { error?: Coded & { issues?: unknown } } | null)?.error;
  expect(error, `${where}: an error body`).toBeDefined();
  const { code } = error!;
  expect(isApiErrorCode(code), `${where}: "${String(code)}" is a code of the contract`).toBe(true);
  const known = code as ApiErrorCode;
  expect(status, `${where}: the status of ${known}`).toBe(API_ERRORS[known].status);
  expect(typeof error!.message, `${where}: an English message for logs`).toBe('string');
  checkParams(known, error!.params, where);
  checkWording({ ...error!, code: known }, 'error', where);

  const codes: ApiErrorCode[] = [known];
  const issues = (error!.issues ?? []) as (Coded & { path: unknown })[];
  expect(Array.isArray(issues), `${where}: issues is a list`).toBe(true);
  for (const problem of issues) {
    expect(typeof problem.path, `${where}: an issue's path`).toBe('string');
    expect(isApiErrorCode(problem.code), `${where}: issue code "${String(problem.code)}" is a code of the contract`).toBe(true);
    const issueCode = problem.code as ApiErrorCode;
    checkParams(issueCode, problem.params, `${where} ${String(problem.path)}`);
    checkWording({ ...problem, code: issueCode }, 'issue', `${where} ${String(problem.path)}`);
    codes.push(issueCode);
  }
  return codes;
}
