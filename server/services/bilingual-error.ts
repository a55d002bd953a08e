import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/errors.ts';
import { describeTwilioError, type AdminMessage, type TwilioProblem } from '../twilio/errors.ts';

/**
 * An error the admin reads in the options page: `message` in the request's language, both languages
 * in `messages` (the page may switch language without asking again), plus any details it shows.
 */
export class BilingualError extends ApiError {
  readonly messages: AdminMessage;
  readonly details: Record<string, unknown>;
  constructor(status: ContentfulStatusCode, code: string, messages: AdminMessage, details: Record<string, unknown> = {}) {
    super(status, code, messages.en);
    this.name = 'BilingualError';
    this.messages = messages;
    this.details = details;
  }
}

export type AdminLanguage = keyof AdminMessage;

/** `ja,en;q=0.8` → ja; anything without Japanese ranked above English → en. */
export function preferredLanguage(acceptLanguage: string | undefined): AdminLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0 && /^(ja|en)\b/.test(entry.tag))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('ja') ? 'ja' : 'en';
}

// Problems with what the admin typed or with the account itself are theirs to fix (400);
// Twilio being unreachable, overloaded or failing is an upstream failure (502).
const UPSTREAM: ReadonlySet<TwilioProblem['code']> = new Set(['twilio_unreachable', 'twilio_unavailable', 'twilio_rate_limited']);

export function twilioProblemError(problem: TwilioProblem): BilingualError {
  return new BilingualError(UPSTREAM.has(problem.code) ? 502 : 400, problem.code, problem.message, {
    twilioCode: problem.twilioCode,
    moreInfo: problem.moreInfo,
  });
}

/** Runs a Twilio exchange; Twilio's failures become sentences, anything else (a bug) propagates. */
export async function talkToTwilio<T>(exchange: () => Promise<T>): Promise<T> {
  try {
    return await exchange();
  } catch (error) {
    const problem = describeTwilioError(error);
    if (problem) throw twilioProblemError(problem);
    throw error;
  }
}

export const TWILIO_NOT_CONFIGURED: AdminMessage = {
  en: 'Twilio is not set up yet. Enter the Account SID and Auth Token in step 1 first.',
  ja: 'Twilio がまだ設定されていません。先にステップ 1 で Account SID と Auth Token を入力してください。',
};

export const PUBLIC_URL_MISSING: AdminMessage = {
  en: 'PUBLIC_URL is not set, so Twilio cannot reach this server. Set it to the server’s public HTTPS address and restart.',
  ja: 'PUBLIC_URL が設定されていないため、Twilio がこのサーバーに接続できません。サーバーの公開 HTTPS アドレスを設定して再起動してください。',
};

/** The sub-apps' error handler: bilingual errors with both languages, other API errors as the app renders them. */
export function renderAdminError(error: Error, c: Context): Response {
  if (error instanceof BilingualError) {
    const language = preferredLanguage(c.req.header('Accept-Language'));
    return c.json(
      { error: { code: error.code, message: error.messages[language], messages: error.messages, ...error.details } },
      error.status,
    );
  }
  throw error;
}
