import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { defaultRecordingNotice } from '../../contract/recording-notice.ts';
import type { Language, Prompt, Settings } from '../phone-config/schema.ts';
import { prompt, type Speaker } from './speech.ts';

/**
 * The recording announcement (録音のお知らせ, `settings.recordingNotice`): a recorded call's customer
 * is told before anything of the conversation is recorded. Pure: what is said, and where it goes.
 *
 * - Inbound, once, on the way from the welcome and the menu to the reps: before the first ring
 *   `<Dial>` (whose own recording starts at the answer) or, when the caller goes straight into the
 *   waiting line, before its first turn. Never again on a later ring step, a ring from the line, a
 *   transfer or a ring-back: those all come after it. Not before a voicemail either: a caller who
 *   leaves a message knows it is recorded.
 * - Outbound, in the customer's own leg as it enters the room, before its `<Dial><Conference>`: the
 *   room records only once two are in it, so the customer hears the notice first, and the rep (already
 *   in the room) does not hear it at all.
 */

/** Kana or kanji: an English voice skips them, and the caller would hear nothing of the notice. */
const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/**
 * What to tell the customer, or null: the announcement is off, or this call is not recorded. The
 * admin writes one text for every call; where it is Japanese and the call's voice English (an English
 * number, an org outside Japan calling out), the standard sentence in the call's language is said
 * instead, so the customer still hears the notice. A Japanese voice reads English words.
 */
export function recordingNoticeFor(settings: Pick<Settings, 'recordingNotice'>, recorded: boolean, language: Language): Prompt | null {
  const notice = settings.recordingNotice;
  if (!recorded || !notice?.enabled) return null;
  const standard: Prompt = { type: 'text', text: defaultRecordingNotice(language) };
  if (notice.message?.type === 'text' && language !== 'ja-JP' && JAPANESE_SCRIPT.test(notice.message.text)) return standard;
  return notice.message ?? standard;
}

/** The notice and the voice that speaks it. */
export interface SpokenNotice {
  message: Prompt;
  speaker: Speaker;
}

export function playRecordingNotice(response: VoiceResponse, notice: SpokenNotice | null | undefined): void {
  if (notice) prompt(response, notice.message, notice.speaker);
}
