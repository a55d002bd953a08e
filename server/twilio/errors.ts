import twilio from 'twilio';

export type AdminMessage = { en: string; ja: string };

export type TwilioProblemCode =
  | 'twilio_auth_failed'
  | 'twilio_test_credentials'
  | 'twilio_not_found'
  | 'twilio_account_suspended'
  | 'twilio_account_closed'
  | 'twilio_account_inactive'
  | 'twilio_trial_unverified_number'
  | 'twilio_geo_permission'
  | 'twilio_rate_limited'
  | 'twilio_unreachable'
  | 'twilio_unavailable'
  | 'twilio_rejected';

/** What an API route answers (`{ error: { code, message } }`) after a Twilio call failed. */
export type TwilioProblem = {
  code: TwilioProblemCode;
  message: AdminMessage;
  /** Twilio's numeric error code (https://www.twilio.com/docs/api/errors), when Twilio sent one. */
  twilioCode: number | null;
  httpStatus: number | null;
  moreInfo: string | null;
};

/** Thrown by `validateAccount` when the credentials are right but the account cannot be used. */
export class TwilioAccountNotUsableError extends Error {
  readonly accountStatus: 'suspended' | 'closed';

  constructor(accountStatus: 'suspended' | 'closed') {
    super(`Twilio account is ${accountStatus}`);
    this.name = 'TwilioAccountNotUsableError';
    this.accountStatus = accountStatus;
  }
}

const messages = {
  twilio_auth_failed: {
    en: 'Twilio rejected the Account SID or Auth Token. Copy both again from the Twilio Console (Account Info) and check that the token was not rotated.',
    ja: 'Account SID または Auth Token が Twilio に拒否されました。Twilio コンソールの「Account Info」から両方をコピーし直し、Auth Token が更新されていないか確認してください。',
  },
  twilio_test_credentials: {
    en: 'These are Twilio test credentials. Enter the live Account SID and Auth Token instead.',
    ja: 'これは Twilio のテスト用認証情報です。本番用の Account SID と Auth Token を入力してください。',
  },
  twilio_not_found: {
    en: 'Twilio could not find this resource. It may have been deleted in the Twilio Console; run the setup check to repair it.',
    ja: 'Twilio 上に該当するリソースが見つかりません。Twilio コンソールで削除された可能性があります。セットアップチェックを実行して修復してください。',
  },
  twilio_account_suspended: {
    en: 'This Twilio account is suspended. Calls cannot be made until it is reactivated; check billing or contact Twilio support.',
    ja: 'この Twilio アカウントは停止されています。再開されるまで通話できません。請求情報を確認するか Twilio サポートに連絡してください。',
  },
  twilio_account_closed: {
    en: 'This Twilio account is closed. Use the credentials of an active account.',
    ja: 'この Twilio アカウントは解約済みです。有効なアカウントの認証情報を入力してください。',
  },
  twilio_account_inactive: {
    en: 'This Twilio account is not active (suspended or closed). Check its status in the Twilio Console.',
    ja: 'この Twilio アカウントは有効ではありません（停止中または解約済み）。Twilio コンソールで状態を確認してください。',
  },
  twilio_trial_unverified_number: {
    en: 'This is a Twilio trial account: it can only call numbers verified in the Twilio Console. Verify the number or upgrade the account.',
    ja: 'Twilio のトライアルアカウントでは、Twilio コンソールで認証済みの番号にしか発信できません。番号を認証するか、アカウントをアップグレードしてください。',
  },
  twilio_geo_permission: {
    en: 'The Twilio account is not allowed to call this country. Enable it under Voice → Settings → Geo permissions in the Twilio Console (trial accounts have extra limits).',
    ja: 'この Twilio アカウントはこの国への発信が許可されていません。Twilio コンソールの「Voice → Settings → Geo permissions」で許可してください（トライアルアカウントには追加の制限があります）。',
  },
  twilio_rate_limited: {
    en: 'Twilio received too many requests. Wait a minute and try again.',
    ja: 'Twilio へのリクエストが多すぎます。1 分ほど待ってから再試行してください。',
  },
  twilio_unreachable: {
    en: 'The server could not reach Twilio. Check the server’s internet connection (or TWILIO_API_URL) and try again.',
    ja: 'サーバーから Twilio に接続できませんでした。サーバーのネットワーク接続（または TWILIO_API_URL）を確認して再試行してください。',
  },
  twilio_unavailable: {
    en: 'Twilio is having a problem right now. Try again in a few minutes.',
    ja: 'Twilio 側で障害が発生しています。数分後に再試行してください。',
  },
  twilio_rejected: {
    en: 'Twilio refused the change.',
    ja: 'Twilio が変更を受け付けませんでした。',
  },
} satisfies Record<TwilioProblemCode, AdminMessage>;

// https://www.twilio.com/docs/api/errors/<code>
const byTwilioCode: Record<number, TwilioProblemCode> = {
  20003: 'twilio_auth_failed',
  20005: 'twilio_account_inactive',
  20008: 'twilio_test_credentials',
  20404: 'twilio_not_found',
  20429: 'twilio_rate_limited',
  21210: 'twilio_trial_unverified_number', // caller ID not verified (trial)
  21219: 'twilio_trial_unverified_number', // 'To' number not verified (trial)
  21215: 'twilio_geo_permission',
};

const networkErrorCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** The admin's sentence for a failed Twilio call; `null` when `error` did not come from talking to Twilio (a bug: rethrow it). */
export function describeTwilioError(error: unknown): TwilioProblem | null {
  if (error instanceof TwilioAccountNotUsableError) {
    const code = error.accountStatus === 'suspended' ? 'twilio_account_suspended' : 'twilio_account_closed';
    return problem(code, { twilioCode: null, httpStatus: null, moreInfo: null });
  }
  const rest = asRestException(error);
  if (rest) {
    const known = rest.code === undefined ? undefined : byTwilioCode[rest.code];
    const code = known ?? codeForStatus(rest.status);
    const details = { twilioCode: rest.code ?? null, httpStatus: rest.status, moreInfo: rest.moreInfo ?? null };
    if (code !== 'twilio_rejected' || !rest.message) return problem(code, details);
    // An unmapped 4xx: Twilio's own sentence (English only) is the most precise thing we have.
    return { code, ...details, message: { en: `${messages.twilio_rejected.en} ${rest.message}`, ja: `${messages.twilio_rejected.ja}（Twilio: ${rest.message}）` } };
  }
  if (isNetworkError(error)) return problem('twilio_unreachable', { twilioCode: null, httpStatus: null, moreInfo: null });
  return null;
}

/** True for "Twilio says this resource does not exist" (deleted in the console, wrong SID). */
export function isTwilioNotFound(error: unknown): boolean {
  const rest = asRestException(error);
  return rest !== null && (rest.code === 20404 || rest.status === 404);
}

type RestExceptionLike = { status: number; code?: number; message?: string; moreInfo?: string };

function asRestException(error: unknown): RestExceptionLike | null {
  if (error instanceof twilio.RestException) return error;
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as Record<string, unknown>;
  return typeof candidate.status === 'number' && 'moreInfo' in candidate ? (candidate as RestExceptionLike) : null;
}

function codeForStatus(status: number): TwilioProblemCode {
  if (status === 401) return 'twilio_auth_failed';
  if (status === 404) return 'twilio_not_found';
  if (status === 429) return 'twilio_rate_limited';
  if (status >= 500) return 'twilio_unavailable';
  return 'twilio_rejected';
}

function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // axios copies the socket error's code; older paths leave it on `cause`.
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  return [code, cause?.code].some((c) => typeof c === 'string' && networkErrorCodes.has(c));
}

function problem(code: TwilioProblemCode, details: Omit<TwilioProblem, 'code' | 'message'>): TwilioProblem {
  return { code, message: messages[code], ...details };
}
