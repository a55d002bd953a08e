import { z } from 'zod';
import type { RecordingAttachment, RecordingStoredAs } from '../adapter.ts';
import { RetryableError } from '../errors.ts';
import type { Locale } from './call-record.ts';
import type { ZohoClient } from './client.ts';
import { singleRecordId } from './record-results.ts';
import { formatCallDuration } from './zoned-time.ts';

/**
 * The Zoho Note that carries a call's recording, and how a retry finds what an earlier attempt made:
 * the note by the RecordingSid its text carries (the record's Notes related list), the attachment by
 * its name or link (the note's Attachments list). Neither list is a search index.
 */

type NoteContext = { client: ZohoClient; locale: Locale };

type RecordingKind = NonNullable<RecordingAttachment['kind']>;

const NOTE_TITLE: Record<Locale, Record<RecordingKind, string>> = {
  ja: { conversation: '通話録音', voicemail: '留守番電話' },
  en: { conversation: 'Call recording', voicemail: 'Voicemail' },
};
/** What the note's text calls the recording. */
const RECORDING_NAME: Record<Locale, Record<RecordingKind, string>> = {
  ja: { conversation: '通話の録音', voicemail: '留守番電話のメッセージ' },
  en: { conversation: "The call's recording", voicemail: "The caller's voicemail" },
};
const NOTE_BODY = {
  ja: {
    file: (name: string, duration: string, sid: string) => `${name}（${duration}）を添付しました。\n録音ID: ${sid}`,
    link: (name: string, duration: string, sid: string, link: string, limitMb: number) =>
      `${name}（${duration}）はZohoに添付できる大きさ（${limitMb} MB）を超えるため、Twilioに残したまま（削除しません）リンクを添付しました。\n` +
      `リンクを開くにはTwilioアカウントの認証情報が必要です。管理者にお問い合わせください。\n録音ID: ${sid}\n録音: ${link}`,
  },
  en: {
    file: (name: string, duration: string, sid: string) => `${name} (${duration}) is attached.\nRecording ID: ${sid}`,
    link: (name: string, duration: string, sid: string, link: string, limitMb: number) =>
      `${name} (${duration}) is larger than Zoho takes as an attachment (${limitMb} MB): it stays in Twilio (it is not deleted there) and a link to it is attached.\n` +
      `Opening the link needs the Twilio account's credentials: ask your admin.\nRecording ID: ${sid}\nRecording: ${link}`,
  },
} as const;

export type NoteText = { storedAs: RecordingStoredAs; link: string; limitBytes: number };

/** Title and text in the org's language. The text always carries the RecordingSid: it is how a retry finds the note. */
export function recordingNote(locale: Locale, input: Pick<RecordingAttachment, 'recordingSid' | 'durationSeconds' | 'kind'>, text: NoteText) {
  const duration = input.durationSeconds === null ? '--:--' : formatCallDuration(input.durationSeconds);
  const body = NOTE_BODY[locale];
  const kind = input.kind ?? 'conversation';
  const name = RECORDING_NAME[locale][kind];
  return {
    Note_Title: NOTE_TITLE[locale][kind],
    Note_Content:
      text.storedAs === 'file'
        ? body.file(name, duration, input.recordingSid)
        : body.link(name, duration, input.recordingSid, text.link, Math.round(text.limitBytes / 1_000_000)),
  };
}

export async function createNote(context: NoteContext, input: RecordingAttachment, text: NoteText): Promise<string> {
  const response = await context.client.request({
    method: 'POST',
    path: '/crm/v8/Notes',
    json: {
      data: [
        {
          ...recordingNote(context.locale, input, text),
          // v6+ shape: Parent_Id is an object naming the module; the v2-v5 string + se_module is gone.
          Parent_Id: { module: { api_name: input.parent.module }, id: input.parent.id },
        },
      ],
    },
  });
  return singleRecordId(response, `recording note for ${input.callSid}`);
}

/** `PUT /Notes/{id}`: an update, safe to send again. */
export async function rewriteNote(context: NoteContext, noteId: string, input: RecordingAttachment, text: NoteText): Promise<void> {
  const response = await context.client.request({
    method: 'PUT',
    path: `/crm/v8/Notes/${encodeURIComponent(noteId)}`,
    json: { data: [recordingNote(context.locale, input, text)] },
  });
  singleRecordId(response, `recording note update for ${input.callSid}`);
}

const notesSchema = z.object({ data: z.array(z.object({ id: z.string(), Note_Content: z.string().nullish() }).loose()) });

/**
 * The note an earlier attempt made for this recording: `GET /{module}/{id}/Notes` (getRelatedRecords,
 * `fields` required), the oldest whose text names the RecordingSid. Notes made before the
 * RecordingSid was written out carry it in the Twilio link they kept. A call's record holds a
 * handful of notes, far from the 200 of one page.
 */
export async function findRecordingNote(context: NoteContext, input: RecordingAttachment): Promise<string | null> {
  const response = await context.client.request({
    method: 'GET',
    path: `/crm/v8/${encodeURIComponent(input.parent.module)}/${encodeURIComponent(input.parent.id)}/Notes`,
    query: { fields: 'Note_Title,Note_Content', per_page: '200', sort_by: 'Created_Time', sort_order: 'asc' },
  });
  if (response.status === 204) return null;
  const parsed = notesSchema.safeParse(response.body);
  // Unreadable is not "none": creating now could make the second note this look-up is here to prevent.
  if (!parsed.success) throw new RetryableError('bad_response', `Unexpected Zoho answer listing the notes of ${input.callSid}`, { details: response.body });
  return parsed.data.data.find((note) => note.Note_Content?.includes(input.recordingSid))?.id ?? null;
}

const attachmentsSchema = z.object({
  data: z.array(
    z.object({ id: z.string(), File_Name: z.string().nullish(), $type: z.string().nullish(), $link_url: z.string().nullish() }).loose(),
  ),
});

/**
 * The recording's attachment on the note, if an earlier attempt made it: `GET /Notes/{id}/Attachments`
 * (getAttachments), matched on the file's name (a link's title is listed as its File_Name) or the
 * link itself; `$type` "Link URL" / `$link_url` say it is only a link.
 */
export async function findRecordingAttachment(
  context: NoteContext,
  noteId: string,
  match: { fileName: string; link: string },
): Promise<{ attachmentId: string; storedAs: RecordingStoredAs } | null> {
  const response = await context.client.request({ method: 'GET', path: `/crm/v8/Notes/${encodeURIComponent(noteId)}/Attachments` });
  if (response.status === 204) return null;
  const parsed = attachmentsSchema.safeParse(response.body);
  if (!parsed.success) throw new RetryableError('bad_response', `Unexpected Zoho answer listing the attachments of note ${noteId}`, { details: response.body });
  const found = parsed.data.data.find((attachment) => attachment.File_Name === match.fileName || attachment.$link_url === match.link);
  if (!found) return null;
  return { attachmentId: found.id, storedAs: found.$link_url || found.$type === 'Link URL' ? 'link' : 'file' };
}
