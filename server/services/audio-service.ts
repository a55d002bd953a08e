import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../http/deps.ts';
import { apiError, type ApiError } from '../http/errors.ts';
import { audioReferencesOf } from '../phone-config/audio-rules.ts';
import { displayNumber } from '../phone-config/display-number.ts';
import { loadPhoneConfig, lockPhoneConfig } from '../store/phone-config-store.ts';
import type { Database } from '../store/schema.ts';

/**
 * Audio the admin uploads: a number's messages and hold music, the hold music of outgoing calls. Stored in the database, so every
 * server instance can serve them; served to Twilio from `PUBLIC_URL/media/<id>` without sign-in,
 * the unguessable id being the protection (Twilio fetches `<Play>` URLs anonymously).
 */

export const MAX_AUDIO_BYTES = 5 * 1024 * 1024;

export type AudioContentType = 'audio/mpeg' | 'audio/wav';

/** 128 random bits, base64url: 22 characters. */
export const AUDIO_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The type by content, never by name or declared type: an ID3 tag or an MPEG audio frame header
 * (11-bit sync, a valid layer) for mp3, a RIFF container of type WAVE for wav.
 */
export function sniffAudioType(bytes: Uint8Array): AudioContentType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (bytes.length >= 3 && ascii(0, 3) === 'ID3') return 'audio/mpeg';
  const [b0 = 0, b1 = 0] = bytes;
  // 0xFFE sync; layer bits 00 are reserved (and are what AAC's ADTS header carries).
  if (bytes.length >= 4 && b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0) return 'audio/mpeg';
  return null;
}

export function tooLarge(): ApiError {
  return apiError('audio_too_large', { maxMegabytes: MAX_AUDIO_BYTES / 1024 / 1024 });
}

export interface AudioFile {
  id: string;
  url: string;
  contentType: string;
  size: number;
  name: string;
  createdAt?: Date;
}

export function mediaUrl(deps: AppDeps, id: string): string {
  return `${deps.publicUrl ?? ''}/media/${id}`;
}

export async function storeAudio(deps: AppDeps, file: { bytes: Uint8Array; name: string }): Promise<AudioFile> {
  if (file.bytes.length === 0) throw apiError('audio_empty');
  if (file.bytes.length > MAX_AUDIO_BYTES) throw tooLarge();
  const contentType = sniffAudioType(file.bytes);
  if (!contentType) throw apiError('audio_unsupported');
  const id = randomBytes(16).toString('base64url');
  // Cut between characters: half an emoji would be stored as U+FFFD, another name than the one answered.
  const name = Array.from(file.name).slice(0, 200).join('');
  await deps.store.db
    .insertInto('audio_files')
    .values({ id, content_type: contentType, size: file.bytes.length, data: file.bytes, original_name: name })
    .execute();
  deps.logger.info({ event: 'audio_uploaded', id, size: file.bytes.length, contentType }, 'audio file stored');
  return { id, url: mediaUrl(deps, id), contentType, size: file.bytes.length, name };
}

export async function listAudio(deps: AppDeps): Promise<AudioFile[]> {
  const rows = await deps.store.db
    .selectFrom('audio_files')
    .select(['id', 'content_type', 'size', 'original_name', 'created_at'])
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, url: mediaUrl(deps, r.id), contentType: r.content_type, size: r.size, name: r.original_name, createdAt: r.created_at }));
}

export async function readAudio(deps: AppDeps, id: string): Promise<{ contentType: string; data: Uint8Array } | null> {
  if (!AUDIO_ID_PATTERN.test(id)) return null;
  const row = await deps.store.db.selectFrom('audio_files').select(['content_type', 'data']).where('id', '=', id).executeTakeFirst();
  return row ? { contentType: row.content_type, data: row.data } : null;
}

/** The ids of the stored audio files, for the document's rule that every file it plays exists. */
export async function storedAudioIds(deps: AppDeps): Promise<Set<string>> {
  return audioIdsIn(deps.store.db);
}

/** The stored files' ids, read through `db` (a transaction that holds the configuration's lock). */
export async function audioIdsIn(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('audio_files').select('id').execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * Deletes an upload; refused while anything still plays it (callers would hear nothing): any message
 * or the hold music of a number, or the hold music of outgoing calls (audio-rules.ts lists them all).
 * The check and the delete hold the configuration's lock, as every save does and checks its files
 * under it (phone-config-service.ts): a save that makes a number play the file either comes first
 * and the delete is refused, or comes after and is refused itself.
 */
export async function deleteAudio(deps: AppDeps, id: string): Promise<void> {
  if (!AUDIO_ID_PATTERN.test(id)) throw apiError('audio_not_found');
  await deps.store.db.transaction().execute(async (trx) => {
    await lockPhoneConfig(trx);
    const config = await loadPhoneConfig(trx);
    const uses = audioReferencesOf(config).filter((reference) => reference.audioId === id);
    const numbers = [...new Set(uses.flatMap((use) => (use.number ? [use.number.label || displayNumber(use.number.number, config.settings.defaultCountry)] : [])))];
    if (numbers.length > 0) throw apiError('audio_in_use', { numbers: numbers.join(', ') });
    if (uses.some((use) => use.path[1] === 'recordingNotice')) throw apiError('audio_in_use_recording_notice');
    if (uses.length > 0) throw apiError('audio_in_use_outgoing');
    const result = await trx.deleteFrom('audio_files').where('id', '=', id).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw apiError('audio_not_found');
  });
}
