import type { RecordingAttachment } from '../adapter.ts';
import { PermanentError, RetryableError } from '../errors.ts';
import type { Locale } from './call-record.ts';
import type { ZohoClient } from './client.ts';
import { formatCallDuration } from './zoned-time.ts';
import { singleRecordId } from './record-results.ts';

/**
 * The Twilio account whose recordings are downloaded: its Account SID and Auth Token (Basic auth),
 * and TWILIO_API_URL. The download URL is built from these and the recording's SID only, never
 * taken from a callback, so the credentials go to Twilio (or the configured mock) and nowhere else.
 */
export type TwilioRecordingAccess = { accountSid: string; authToken: string; apiBaseUrl: string };

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/i;
const RECORDING_SID = /^RE[0-9a-f]{32}$/i;

/** `{TWILIO_API_URL}/2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}.mp3` (Twilio's media URL). */
export function recordingMediaUrl(access: Pick<TwilioRecordingAccess, 'accountSid' | 'apiBaseUrl'>, recordingSid: string): string {
  if (!ACCOUNT_SID.test(access.accountSid)) throw new PermanentError('twilio_not_configured', 'No Twilio account is stored to download recordings with');
  if (!RECORDING_SID.test(recordingSid)) throw new PermanentError('invalid_recording_sid', `"${recordingSid.slice(0, 40)}" is not a Twilio recording SID`);
  return `${access.apiBaseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${access.accountSid}/Recordings/${recordingSid}.mp3`;
}

/** The lower of the limits Zoho documents for attachments; bigger recordings are attached as a link. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export type RecordingContext = {
  client: ZohoClient;
  /** For the Twilio download (the Zoho calls go through `client`). */
  fetch: typeof fetch;
  twilio: TwilioRecordingAccess;
  locale: Locale;
};

const NOTE_TITLE = { ja: '通話録音', en: 'Call recording' } as const;
const NOTE_BODY = {
  ja: (link: string, duration: string) => `通話の録音（${duration}）を添付しました。\n録音: ${link}`,
  en: (link: string, duration: string) => `The call's recording (${duration}) is attached.\nRecording: ${link}`,
} as const;

/**
 * Downloads a Twilio recording and puts it on a Zoho Note on the call's record: the note keeps the
 * link, the mp3 is uploaded to the note's Attachments (multipart `file`).
 */
export async function attachRecording(context: RecordingContext, input: RecordingAttachment): Promise<{ noteId: string; attachmentId: string }> {
  const link = recordingMediaUrl(context.twilio, input.recordingSid);
  const audio = await downloadRecording(context, link);
  const noteId = input.existingNoteId ?? (await createNote(context, input, link));
  if (!input.existingNoteId) await input.onNoteCreated?.(noteId);

  const form = new FormData();
  if (audio.size <= MAX_ATTACHMENT_BYTES) {
    form.set('file', audio, `${input.callSid}-${input.recordingSid}.mp3`);
  } else {
    form.set('attachmentUrl', link);
    form.set('title', `${input.recordingSid}.mp3`);
  }
  const response = await context.client.request({
    method: 'POST',
    path: `/crm/v8/Notes/${encodeURIComponent(noteId)}/Attachments`,
    form,
    timeoutMs: 120_000,
  });
  return { noteId, attachmentId: singleRecordId(response, `recording upload for ${input.callSid}`) };
}

async function createNote(context: RecordingContext, input: RecordingAttachment, link: string): Promise<string> {
  const duration = input.durationSeconds === null ? '--:--' : formatCallDuration(input.durationSeconds);
  const response = await context.client.request({
    method: 'POST',
    path: '/crm/v8/Notes',
    json: {
      data: [
        {
          Note_Title: NOTE_TITLE[context.locale],
          Note_Content: NOTE_BODY[context.locale](link, duration),
          // v6+ shape: Parent_Id is an object naming the module; the v2-v5 string + se_module is gone.
          Parent_Id: { module: { api_name: input.parent.module }, id: input.parent.id },
        },
      ],
    },
  });
  return singleRecordId(response, `recording note for ${input.callSid}`);
}

async function downloadRecording(context: RecordingContext, link: string): Promise<Blob> {
  const basic = Buffer.from(`${context.twilio.accountSid}:${context.twilio.authToken}`).toString('base64');
  let response: Response;
  try {
    // No redirects: a 3xx must not carry the credentials on to wherever it points.
    response = await context.fetch(link, { headers: { authorization: `Basic ${basic}` }, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
  } catch (cause) {
    throw new RetryableError('recording_download_failed', `Could not download ${link}`, { cause });
  }
  if (response.status === 404) throw new PermanentError('recording_not_found', `Twilio has no recording at ${link}`);
  if (response.status === 401 || response.status === 403) throw new PermanentError('twilio_auth_failed', 'Twilio refused the recording download');
  if (response.status >= 300 && response.status < 400) throw new RetryableError('recording_download_failed', `Twilio redirected the download of ${link}`);
  if (!response.ok) throw new RetryableError('recording_download_failed', `Twilio answered ${response.status} for ${link}`);
  const bytes = await response.arrayBuffer();
  return new Blob([bytes], { type: response.headers.get('content-type') ?? 'audio/mpeg' });
}
