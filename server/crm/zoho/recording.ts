import type { AttachedRecording, RecordingAttachment, RecordingStoredAs } from '../adapter.ts';
import { PermanentError, RetryableError } from '../errors.ts';
import type { Locale } from './call-record.ts';
import type { ZohoClient } from './client.ts';
import { singleRecordId } from './record-results.ts';
import { createNote, findRecordingAttachment, findRecordingNote, rewriteNote } from './recording-note.ts';
import { findBeforeCreating, type EarlierSends, type SettleWindow } from './search-settle.ts';

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

/**
 * The largest recording uploaded as a file. Zoho's uploadAttachment takes a request body of at most
 * 100 MB (OAS v8.0 attachments.yaml: "Maximum request body size: 100MB"; 413 "file size exceeds
 * 100MB limit"). Read as decimal megabytes, the lower reading, less room for the multipart envelope
 * (VERIFY in a sandbox, reference §7 item 4). A bigger recording, or one Zoho still answers 413 to,
 * is attached as a link to Twilio's media instead, and is then never deleted from Twilio.
 */
export const MAX_UPLOAD_BYTES = 100_000_000 - 64 * 1024;

/**
 * How long a note or an attachment may take to show in its parent's related list once Zoho created
 * it [inferred: Zoho documents no lag for related lists, which are read from the records, not from
 * the search index; reference §2.5-2.6 names none]. 0: listed at once. Should a sandbox show a lag,
 * raise it: a retry after an unanswered create then keeps looking this long before creating again.
 */
export const RELATED_LIST_SETTLE_MS = 0;
const RELATED_LIST_WINDOW: SettleWindow = { settleMs: RELATED_LIST_SETTLE_MS, recheckMs: 10_000, code: 'awaiting_crm_related_list' };
/** Up to 100 MB at a slow uplink, within the outbox's 5-minute claim (with the download's minute). */
const UPLOAD_TIMEOUT_MS = 180_000;

export type RecordingContext = {
  client: ZohoClient;
  /** For the Twilio download (the Zoho calls go through `client`). */
  fetch: typeof fetch;
  twilio: TwilioRecordingAccess;
  locale: Locale;
};

/**
 * Downloads a Twilio recording and puts it on a Zoho Note on the call's record, uploaded to the
 * note's Attachments (multipart `file`), or, too large for Zoho, attached as a link
 * (`attachmentUrl`) and said so in the note. Each write happens once: a retry that may follow an
 * unanswered create first looks for the note (by the RecordingSid it carries) and for the attachment
 * (by its name) before making them.
 */
export async function attachRecording(context: RecordingContext, input: RecordingAttachment): Promise<AttachedRecording> {
  const link = recordingMediaUrl(context.twilio, input.recordingSid);
  const fileName = `${input.callSid}-${input.recordingSid}.mp3`;
  const sends: EarlierSends = { attempts: input.attempts ?? 0, unconfirmedSince: input.unconfirmedSince ?? null, ...(input.now === undefined ? {} : { now: input.now }) };

  let noteId =
    input.existingNoteId ?? (await findBeforeCreating(sends, () => findRecordingNote(context, input), `The note of recording ${input.recordingSid}`, RELATED_LIST_WINDOW));
  const noteExisted = noteId !== null;
  if (noteId) {
    if (noteId !== input.existingNoteId) await input.onNoteKnown?.(noteId);
    // A note already there: an earlier attempt made it, and may have uploaded too.
    const attached = await findBeforeCreating(
      { ...sends, attempts: Math.max(sends.attempts, 1) },
      () => findRecordingAttachment(context, noteId!, { fileName, link }),
      `The attachment of recording ${input.recordingSid}`,
      RELATED_LIST_WINDOW,
    );
    if (attached) {
      if (attached.storedAs === 'link') await rewriteNote(context, noteId, input, { storedAs: 'link', link, limitBytes: MAX_UPLOAD_BYTES });
      return { noteId, ...attached };
    }
  }

  const audio = await downloadRecording(context, link);
  const planned: RecordingStoredAs = audio.size <= MAX_UPLOAD_BYTES ? 'file' : 'link';
  if (!noteId) {
    noteId = await createNote(context, input, { storedAs: planned, link, limitBytes: MAX_UPLOAD_BYTES });
    await input.onNoteKnown?.(noteId);
  }
  if (planned === 'file') {
    const form = new FormData();
    form.set('file', audio, fileName);
    const attachmentId = await postAttachment(context, noteId, form, input).catch(tooLargeAsNull);
    if (attachmentId) return { noteId, attachmentId, storedAs: 'file' };
  }
  const form = new FormData();
  form.set('attachmentUrl', link);
  form.set('title', fileName);
  const attachmentId = await postAttachment(context, noteId, form, input);
  // The note was worded for a file (or by an earlier attempt): tell the rep what they actually get.
  if (planned === 'file' || noteExisted) await rewriteNote(context, noteId, input, { storedAs: 'link', link, limitBytes: MAX_UPLOAD_BYTES });
  return { noteId, attachmentId, storedAs: 'link' };
}

/** Zoho's 413 (FILE_SIZE_MORE_THAN_ALLOWED_SIZE / BODY_SIZE_REACHED, or a proxy's bare 413): attach a link instead. */
const TOO_LARGE = new Set(['FILE_SIZE_MORE_THAN_ALLOWED_SIZE', 'BODY_SIZE_REACHED', 'HTTP_413']);
function tooLargeAsNull(error: unknown): null {
  if (error instanceof PermanentError && TOO_LARGE.has(error.code)) return null;
  throw error;
}

async function postAttachment(context: RecordingContext, noteId: string, form: FormData, input: RecordingAttachment): Promise<string> {
  const response = await context.client.request({
    method: 'POST',
    path: `/crm/v8/Notes/${encodeURIComponent(noteId)}/Attachments`,
    form,
    timeoutMs: UPLOAD_TIMEOUT_MS,
  });
  return singleRecordId(response, `recording upload for ${input.callSid}`);
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
