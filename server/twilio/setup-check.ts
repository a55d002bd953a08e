import type { AdminMessage } from './errors.ts';
import { voiceSettingsOf } from './provisioning-numbers.ts';
import { fetchOrNull } from './provisioning-not-found.ts';
import { serverWebhookUrls } from './provisioning-urls.ts';
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
  /** The numbers pointed at this server; `phoneNumber` as the sentences show it (national format). */
  numbers: { sid: string; phoneNumber: string }[];
  apiKeySid: string | null;
  twimlAppSid: string | null;
};

/**
 * The options page's setup check: does Twilio still send calls here? Reads only; Twilio auth errors
 * propagate (describe them with `describeTwilioError`). Which reps can be rung is the store's part.
 */
export async function setupCheck(client: TwilioClient, input: SetupCheckInput): Promise<SetupFinding[]> {
  const urls = serverWebhookUrls(input.publicUrl);
  const findings: SetupFinding[] = [checkPublicUrl(input.publicUrl)];

  const app = input.twimlAppSid ? await fetchOrNull(() => client.applications(input.twimlAppSid ?? '').fetch()) : null;
  findings.push(
    app
      ? { id: 'twiml-app', ok: true, severity: 'error', message: { en: 'The TwiML App for outgoing calls exists.', ja: '発信用の TwiML アプリがあります。' } }
      : { id: 'twiml-app', ok: false, severity: 'error', fix: 'recreate-app', message: { en: 'The TwiML App for outgoing calls is missing (deleted in the Twilio Console?). Outgoing calls will fail.', ja: '発信用の TwiML アプリがありません（Twilio コンソールで削除された可能性があります）。発信できません。' } },
  );
  if (app) {
    const ok = app.voiceUrl === urls.outgoing;
    findings.push({
      id: 'twiml-app-voice-url',
      ok,
      severity: 'error',
      ...(ok ? {} : { fix: 'recreate-app' as const }),
      message: ok
        ? { en: 'The TwiML App sends outgoing calls to this server.', ja: 'TwiML アプリは発信をこのサーバーに送っています。' }
        : { en: `The TwiML App sends outgoing calls to ${app.voiceUrl || '(nothing)'} instead of ${urls.outgoing}.`, ja: `TwiML アプリの発信先が ${urls.outgoing} ではなく ${app.voiceUrl || '（未設定）'} になっています。` },
    });
  }

  const key = input.apiKeySid ? await fetchOrNull(() => client.keys(input.apiKeySid ?? '').fetch()) : null;
  findings.push(
    key
      ? { id: 'api-key', ok: true, severity: 'error', message: { en: 'The API key for browser phones exists.', ja: 'ブラウザー電話用の API キーがあります。' } }
      : { id: 'api-key', ok: false, severity: 'error', fix: 'recreate-app', message: { en: 'The API key for browser phones is missing (deleted in the Twilio Console?). Reps cannot sign in to the phone.', ja: 'ブラウザー電話用の API キーがありません（Twilio コンソールで削除された可能性があります）。担当者が電話を使えません。' } },
  );

  for (const { sid, phoneNumber } of input.numbers) findings.push(...(await checkNumber(client, sid, phoneNumber, urls)));
  return findings;
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

async function checkNumber(
  client: TwilioClient,
  sid: string,
  phoneNumber: string,
  urls: ReturnType<typeof serverWebhookUrls>,
): Promise<SetupFinding[]> {
  const number = await fetchOrNull(() => client.incomingPhoneNumbers(sid).fetch());
  if (number === null) {
    return [{ id: `number:${sid}:exists`, numberSid: sid, ok: false, severity: 'error', message: { en: `${phoneNumber} is no longer in this Twilio account (released or moved). Delete it here or buy it back.`, ja: `${phoneNumber} はこの Twilio アカウントにありません（解約または移動済み）。ここで削除するか、番号を再取得してください。` } }];
  }
  const s = voiceSettingsOf(number);
  const finding = (id: string, ok: boolean, severity: SetupFinding['severity'], message: AdminMessage): SetupFinding => ({
    id: `number:${sid}:${id}`, numberSid: sid, ok, severity, message, ...(ok ? {} : { fix: 'point-number' as const }),
  });
  const override = s.trunkSid || s.voiceApplicationSid;
  return [
    finding('voice-url', s.voiceUrl === urls.voice, 'error', s.voiceUrl === urls.voice
      ? { en: `${phoneNumber} sends calls to this server.`, ja: `${phoneNumber} の着信はこのサーバーに届きます。` }
      : { en: `${phoneNumber} sends calls to ${s.voiceUrl || '(nothing)'} instead of this server.`, ja: `${phoneNumber} の着信先がこのサーバーではなく ${s.voiceUrl || '（未設定）'} になっています。` }),
    finding('no-override', !override, 'error', !override
      ? { en: `${phoneNumber} follows its Voice URL (no TwiML App or SIP trunk is attached).`, ja: `${phoneNumber} は音声 URL どおりに着信を処理します（TwiML アプリや SIP トランクの割り当てなし）。` }
      : { en: `${phoneNumber} is attached to ${s.trunkSid ? `SIP trunk ${s.trunkSid}` : `TwiML App ${s.voiceApplicationSid}`}, so Twilio ignores its Voice URL.`, ja: `${phoneNumber} は ${s.trunkSid ? `SIP トランク ${s.trunkSid}` : `TwiML アプリ ${s.voiceApplicationSid}`} に割り当てられているため、音声 URL が無視されます。` }),
    finding('status-callback', s.statusCallback === urls.status, 'warning', s.statusCallback === urls.status
      ? { en: `${phoneNumber} reports call status to this server.`, ja: `${phoneNumber} の通話状況はこのサーバーに通知されます。` }
      : { en: `${phoneNumber} does not report call status to this server: the call log will miss calls.`, ja: `${phoneNumber} の通話状況がこのサーバーに通知されません。通話履歴に記録漏れが出ます。` }),
  ];
}
