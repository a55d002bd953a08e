import type { z } from 'zod';
import { parseTwilioReply, type AdminMessage } from './errors.ts';
import { ApplicationReply, KeyReply, summaryOf } from './provisioning.ts';
import { describeNumber, listTwilioNumbers, pointsAt, voiceSettingsOf, type NumberUsage, type TwilioNumber } from './provisioning-numbers.ts';
import { fetchOrNull } from './provisioning-not-found.ts';
import { ourVoiceUrls, serverWebhookUrls } from './provisioning-urls.ts';
import type { TwilioClient } from './rest-client.ts';

/** A one-click repair the options page can offer: `point-number` → pointNumberAtServer, `recreate-app` → ensureVoiceApp. */
export type SetupFix = 'point-number' | 'recreate-app';

export type SetupFinding = {
  id: string;
  ok: boolean;
  severity: 'error' | 'warning';
  message: AdminMessage;
  fix?: SetupFix;
  numberSid?: string;
};

export type SetupCheckInput = {
  publicUrl: string;
  /**
   * The numbers pointed at this server; `phoneNumber` as the sentences show it (national format).
   * `e164`: to find the number again when its SID is gone (released and bought back: a new SID);
   * `pointedAt`: the Voice URL we set on it (PUBLIC_URL then).
   */
  numbers: { sid: string; phoneNumber: string; e164?: string; pointedAt?: string | null }[];
  apiKeySid: string | null;
  twimlAppSid: string | null;
  /** Given: the account's type is checked too (a trial account limits calls both ways). */
  accountSid?: string;
  /** Every number of the account, when the caller has listed them already; else listed here (once). */
  owned?: readonly TwilioNumber[];
};

/** Every webhook route here answers POST only (the signature check reads the form body). */
const isPost = (method: string | null | undefined) => !method || method.toUpperCase() === 'POST';

/**
 * The options page's setup check: does Twilio still send calls here? Reads only; Twilio auth errors
 * propagate (describe them with `describeTwilioError`). Which reps can be rung is the store's part.
 */
export async function setupCheck(client: TwilioClient, input: SetupCheckInput): Promise<SetupFinding[]> {
  const urls = serverWebhookUrls(input.publicUrl);
  const findings: SetupFinding[] = [checkPublicUrl(input.publicUrl)];
  if (input.accountSid) findings.push(await checkAccountType(client, input.accountSid));

  const { twimlAppSid, apiKeySid } = input;
  const app = twimlAppSid ? await fetchChecked(ApplicationReply, () => client.applications(twimlAppSid).fetch(), `fetching TwiML App ${twimlAppSid}`) : null;
  findings.push(
    app
      ? { id: 'twiml-app', ok: true, severity: 'error', message: { en: 'The TwiML App for outgoing calls exists.', ja: '発信用の TwiML アプリがあります。' } }
      : { id: 'twiml-app', ok: false, severity: 'error', fix: 'recreate-app', message: { en: 'The TwiML App for outgoing calls is missing (deleted in the Twilio Console?). Outgoing calls will fail.', ja: '発信用の TwiML アプリがありません（Twilio コンソールで削除された可能性があります）。発信できません。' } },
  );
  if (app) findings.push(...checkApp(app, urls));

  const key = apiKeySid ? await fetchChecked(KeyReply, () => client.keys(apiKeySid).fetch(), `fetching API key ${apiKeySid}`) : null;
  findings.push(
    key
      ? { id: 'api-key', ok: true, severity: 'error', message: { en: 'The API key for browser phones exists.', ja: 'ブラウザー電話用の API キーがあります。' } }
      : { id: 'api-key', ok: false, severity: 'error', fix: 'recreate-app', message: { en: 'The API key for browser phones is missing (deleted in the Twilio Console?). Reps cannot sign in to the phone.', ja: 'ブラウザー電話用の API キーがありません（Twilio コンソールで削除された可能性があります）。担当者が電話を使えません。' } },
  );

  if (input.numbers.length > 0) {
    const owned = input.owned ?? (await listTwilioNumbers(client));
    for (const number of input.numbers) findings.push(...checkNumber(owned, number, input.publicUrl));
  }
  return findings;
}

/**
 * The resource as Twilio describes it, or null when Twilio says it is gone. The library builds a
 * resource from any JSON object, `{}` too: a reply of another shape throws UnexpectedTwilioReplyError
 * (a 502), rather than being read as an App that sends calls nowhere or a key that exists.
 */
async function fetchChecked<T>(schema: z.ZodType<T>, fetch: () => Promise<unknown>, what: string): Promise<T | null> {
  const reply = await fetchOrNull(fetch);
  return reply === null ? null : parseTwilioReply(schema, reply, what);
}

type AppSettings = z.infer<typeof ApplicationReply>;

/** The App's Voice URL and status callback, each by POST: what `ensureVoiceApp` sets, and repairs. */
function checkApp(app: AppSettings, urls: ReturnType<typeof serverWebhookUrls>): SetupFinding[] {
  const finding = (id: string, ok: boolean, severity: SetupFinding['severity'], message: AdminMessage): SetupFinding => ({
    id, ok, severity, message, ...(ok ? {} : { fix: 'recreate-app' as const }),
  });
  const voiceHere = app.voiceUrl === urls.outgoing;
  const statusHere = app.statusCallback === urls.status;
  return [
    finding('twiml-app-voice-url', voiceHere && isPost(app.voiceMethod), 'error', !voiceHere
      ? { en: `The TwiML App sends outgoing calls to ${app.voiceUrl || '(nothing)'} instead of ${urls.outgoing}.`, ja: `TwiML アプリの発信先が ${urls.outgoing} ではなく ${app.voiceUrl || '（未設定）'} になっています。` }
      : isPost(app.voiceMethod)
        ? { en: 'The TwiML App sends outgoing calls to this server.', ja: 'TwiML アプリは発信をこのサーバーに送っています。' }
        : { en: `The TwiML App sends outgoing calls to this server with ${app.voiceMethod}, but this server accepts only POST: every outgoing call fails.`, ja: `TwiML アプリが発信を ${app.voiceMethod} でこのサーバーに送っていますが、このサーバーは POST しか受け付けないため、発信がすべて失敗します。` }),
    finding('twiml-app-status-callback', statusHere && isPost(app.statusCallbackMethod), 'warning', !statusHere
      ? { en: `The TwiML App reports the status of outgoing calls to ${app.statusCallback || '(nothing)'} instead of ${urls.status}: the call log will miss outgoing calls.`, ja: `TwiML アプリの通話状況の通知先が ${urls.status} ではなく ${app.statusCallback || '（未設定）'} になっているため、発信が通話履歴に記録されません。` }
      : isPost(app.statusCallbackMethod)
        ? { en: 'The TwiML App reports the status of outgoing calls to this server.', ja: 'TwiML アプリは発信の通話状況をこのサーバーに通知しています。' }
        : { en: `The TwiML App reports the status of outgoing calls with ${app.statusCallbackMethod}, but this server accepts only POST: the call log will miss outgoing calls.`, ja: `TwiML アプリが通話状況を ${app.statusCallbackMethod} で通知していますが、このサーバーは POST しか受け付けないため、発信が通話履歴に記録されません。` }),
  ];
}

/**
 * A trial account: reps can call only numbers verified in the Console, and every caller first hears
 * Twilio's trial notice and must press a key (https://www.twilio.com/docs/usage/tutorials/how-to-use-your-free-trial-account).
 */
async function checkAccountType(client: TwilioClient, accountSid: string): Promise<SetupFinding> {
  const account = summaryOf(await client.api.v2010.accounts(accountSid).fetch());
  const trial = account.type === 'Trial';
  return {
    id: 'twilio-account-type',
    ok: !trial,
    severity: 'warning',
    message: trial
      ? {
          en: 'This is a Twilio trial account: reps can call only numbers verified in the Twilio Console, and every caller first hears Twilio’s trial notice and must press a key before the call reaches Yobidashi. Upgrade the account in the Twilio Console to lift both limits.',
          ja: 'この Twilio アカウントはトライアルアカウントです。担当者は Twilio コンソールで認証済みの番号にしか発信できず、着信した相手には最初に Twilio のトライアル案内が流れ、キーを押すまで呼び出しにつながりません。Twilio コンソールでアカウントをアップグレードすると、どちらの制限もなくなります。',
        }
      : { en: 'The Twilio account is upgraded: no trial limits.', ja: 'Twilio アカウントはアップグレード済みで、トライアルの制限はありません。' },
  };
}

/** Said of a number that is not connected yet and answers elsewhere: what "Fix it" would replace. */
export function takeOverNote(usedBy: NumberUsage | null): AdminMessage {
  if (!usedBy) return { en: '', ja: '' };
  return {
    en: ` It answers calls through ${usedBy.message.en} now; connecting it replaces that (you are asked first).`,
    ja: `現在は ${usedBy.message.ja} で着信を処理しています。接続するとこの設定は置き換えられます（実行前に確認します）。`,
  };
}

function checkPublicUrl(publicUrl: string): SetupFinding {
  const ok = URL.parse(publicUrl)?.protocol === 'https:';
  return {
    id: 'public-url-https',
    ok,
    severity: 'error',
    message: ok
      ? { en: 'PUBLIC_URL uses HTTPS.', ja: 'PUBLIC_URL は HTTPS です。' }
      : { en: `PUBLIC_URL (${publicUrl}) is not HTTPS. Twilio and browsers need an HTTPS address reachable from the internet; set PUBLIC_URL and restart the server.`, ja: `PUBLIC_URL（${publicUrl}）が HTTPS ではありません。Twilio とブラウザーにはインターネットから届く HTTPS のアドレスが必要です。PUBLIC_URL を設定してサーバーを再起動してください。` },
  };
}

/** `owned`: every number of the account; the connected SID missing from it means the number is gone. */
function checkNumber(owned: readonly TwilioNumber[], connected: SetupCheckInput['numbers'][number], publicUrl: string): SetupFinding[] {
  const { sid, phoneNumber, pointedAt } = connected;
  const urls = serverWebhookUrls(publicUrl);
  const number = owned.find((n) => n.sid === sid);
  if (!number) return [goneNumber(owned, connected, publicUrl)];
  const s = voiceSettingsOf(number);
  const finding = (id: string, ok: boolean, severity: SetupFinding['severity'], message: AdminMessage): SetupFinding => ({
    id: `number:${sid}:${id}`, numberSid: sid, ok, severity, message, ...(ok ? {} : { fix: 'point-number' as const }),
  });
  const override = s.trunkSid || s.voiceApplicationSid;
  const voiceHere = s.voiceUrl === urls.voice;
  const statusHere = s.statusCallback === urls.status;
  return [
    finding('voice-url', voiceHere && isPost(s.voiceMethod), 'error', voiceHere
      ? isPost(s.voiceMethod)
        ? { en: `${phoneNumber} sends calls to this server.`, ja: `${phoneNumber} の着信はこのサーバーに届きます。` }
        : { en: `${phoneNumber} sends calls to this server with ${s.voiceMethod}, but this server accepts only POST: every call to it fails.`, ja: `${phoneNumber} は着信を ${s.voiceMethod} でこのサーバーに送っていますが、このサーバーは POST しか受け付けないため、着信がすべて失敗します。` }
      : pointedAt && s.voiceUrl === pointedAt
        ? { en: `${phoneNumber} still sends calls to this server’s previous address ${s.voiceUrl} (PUBLIC_URL has changed since), so they do not arrive here.`, ja: `${phoneNumber} の着信先がこのサーバーの以前のアドレス ${s.voiceUrl} のままです（その後 PUBLIC_URL が変わりました）。着信がこのサーバーに届きません。` }
        : { en: `${phoneNumber} sends calls to ${s.voiceUrl || '(nothing)'} instead of this server.`, ja: `${phoneNumber} の着信先がこのサーバーではなく ${s.voiceUrl || '（未設定）'} になっています。` }),
    finding('no-override', !override, 'error', !override
      ? { en: `${phoneNumber} follows its Voice URL (no TwiML App or SIP trunk is attached).`, ja: `${phoneNumber} は音声 URL どおりに着信を処理します（TwiML アプリや SIP トランクの割り当てなし）。` }
      : { en: `${phoneNumber} is attached to ${s.trunkSid ? `SIP trunk ${s.trunkSid}` : `TwiML App ${s.voiceApplicationSid}`}, so Twilio ignores its Voice URL.`, ja: `${phoneNumber} は ${s.trunkSid ? `SIP トランク ${s.trunkSid}` : `TwiML アプリ ${s.voiceApplicationSid}`} に割り当てられているため、音声 URL が無視されます。` }),
    finding('status-callback', statusHere && isPost(s.statusCallbackMethod), 'warning', statusHere && isPost(s.statusCallbackMethod)
      ? { en: `${phoneNumber} reports call status to this server.`, ja: `${phoneNumber} の通話状況はこのサーバーに通知されます。` }
      : { en: `${phoneNumber} does not report call status to this server${statusHere ? ` (it uses ${s.statusCallbackMethod}; this server accepts only POST)` : ''}: the call log will miss calls.`, ja: `${phoneNumber} の通話状況がこのサーバーに通知されません${statusHere ? `（${s.statusCallbackMethod} で送られていますが、このサーバーは POST しか受け付けません）` : ''}。通話履歴に記録漏れが出ます。` }),
  ];
}

/**
 * The SID we connected is gone. Bought back (or ported back), the same phone number is in the account
 * under a new SID: connecting that one is the fix (the row then holds the new SID). Else it is gone.
 */
function goneNumber(owned: readonly TwilioNumber[], { sid, phoneNumber, e164 }: SetupCheckInput['numbers'][number], publicUrl: string): SetupFinding {
  const again = e164 ? owned.find((n) => n.phoneNumber === e164 && n.sid !== sid) : undefined;
  if (!again) {
    return { id: `number:${sid}:exists`, numberSid: sid, ok: false, severity: 'error', message: { en: `${phoneNumber} is no longer in this Twilio account (released or moved). Delete it here or buy it back.`, ja: `${phoneNumber} はこの Twilio アカウントにありません（解約または移動済み）。ここで削除するか、番号を再取得してください。` } };
  }
  const current = describeNumber(again, publicUrl);
  const note = takeOverNote(current.usedBy);
  const here = pointsAt(current, ourVoiceUrls(publicUrl));
  return {
    id: `number:${again.sid}:connected`,
    numberSid: again.sid,
    ok: false,
    severity: 'error',
    fix: 'point-number',
    message: here
      ? { en: `${phoneNumber} is in this Twilio account again under a new SID (${again.sid}; released and bought back?). It sends its calls here, but connect it again so that deleting it here later gives it back.`, ja: `${phoneNumber} は新しい SID（${again.sid}）でこの Twilio アカウントに再登録されています（解約後に再取得した可能性があります）。着信はこのサーバーに届いていますが、後でここから削除したときに元の設定に戻せるよう、もう一度接続してください。` }
      : { en: `${phoneNumber} is in this Twilio account again under a new SID (${again.sid}; released and bought back?), and Twilio does not send its calls here yet.${note.en}`, ja: `${phoneNumber} は新しい SID（${again.sid}）でこの Twilio アカウントに再登録されています（解約後に再取得した可能性があります）。まだ着信がこのサーバーに届きません。${note.ja}` },
  };
}
