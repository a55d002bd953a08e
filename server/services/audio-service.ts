import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../http/deps.ts';
import { apiError, type ApiError } from '../http/errors.ts';
import type { IncomingNumber, Prompt } from '../phone-config/schema.ts';
import { listIncomingNumbers } from '../store/phone-config-store.ts';

/**
 * Audio prompts the admin uploads (welcome, unavailable, busy). Stored in the database, so every
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
  const name = file.name.slice(0, 200);
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

function promptsOf(incoming: IncomingNumber): Prompt[] {
  const { welcome, unavailable, busy } = incoming.messages;
  return [welcome, unavailable, busy].filter((p): p is Prompt => p !== undefined);
}

/** Deletes an upload; refused while an incoming number still plays it (the caller would hear nothing). */
export async function deleteAudio(deps: AppDeps, id: string): Promise<void> {
  const users = (await listIncomingNumbers(deps.store.db)).filter((incoming) =>
    promptsOf(incoming).some((p) => p.type === 'audio' && p.audioId === id),
  );
  if (users.length > 0) {
    throw apiError('audio_in_use', { numbers: users.map((u) => u.label || u.number).join(', ') });
  }
  if (!AUDIO_ID_PATTERN.test(id)) throw apiError('audio_not_found');
  const result = await deps.store.db.deleteFrom('audio_files').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw apiError('audio_not_found');
}
