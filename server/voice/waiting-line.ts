import twilio from 'twilio';
import type { WaitingLineSettings } from '../phone-config/hours-schema.ts';
import type { HoldMusic, Language, MenuItem, Prompt, Route } from '../phone-config/schema.ts';
import { queueKeyUrl, queueWaitUrl, type LineState } from './flow-state.ts';
import type { IncomingContext } from './incoming-twiml.ts';
import { nextRingStep, type RingPosition, type RingPresence, type RingSpec, type RingStep } from './ring-plan.ts';
import { prompt, say } from './speech.ts';
import { playRecordingNotice } from './recording-notice.ts';
import { recordVoicemail } from './voicemail-recording.ts';

/**
 * The waiting line as the caller hears it (docs/call-flow.md, "The waiting line"). Pure: sentences,
 * when the caller's leg comes back to the server, what a key does, whom a caller from the line rings
 * (and holds) and how the line makes reps look busy to others, and the TwiML of one turn of the
 * loop — `<Gather numDigits=1>` around the announcement and the music, then `<Redirect>` back to
 * `/queue/wait`, where the server decides again from the database.
 */

/**
 * One clip of Twilio's classical hold music as a plain audio file: `<Play>` inside `<Gather>` needs
 * audio, not the holdmusic twimlet (which answers TwiML). [inferred] From the twimlet's bucket
 * (com.twilio.music.classical); its length is not documented, and each turn of the loop lasts as long.
 * Plain http, as the twimlet's own playlist has it: the bucket's name has dots, so over https the
 * host would not match S3's wildcard certificate and Twilio could not fetch the file.
 */
export const WAITING_MUSIC_DEFAULT = 'http://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3';
/** Seconds the `<Gather>` waits for a key after the music, before the loop comes back. */
export const KEY_WAIT_SECONDS = 5;
/** Silence for a number whose hold music is "silence": one turn of the loop. */
export const SILENT_TURN_SECONDS = 20;
/** After a ring nobody answered, the caller is rung again no sooner than this. */
export const RING_RETRY_SECONDS = 20;

const KEY_NAMES: Record<'ja' | 'en', Record<string, string>> = {
  ja: { '*': '米印', '#': 'シャープ' },
  en: { '*': 'star', '#': 'pound' },
};

const family = (language: Language): 'ja' | 'en' => (language === 'ja-JP' ? 'ja' : 'en');

function keyName(key: string, language: Language): string {
  return KEY_NAMES[family(language)][key] ?? key;
}

export interface Announcement {
  /** The first announcement also says why the caller waits. */
  first: boolean;
  position: number;
  expectedSeconds: number;
}

/** 「只今、3番目にお待ちいただいております。」 and what follows. */
export function announcementSentences(announcement: Announcement, language: Language): string[] {
  const minutes = Math.max(1, Math.ceil(announcement.expectedSeconds / 60));
  if (family(language) === 'ja') {
    return [
      ...(announcement.first ? ['只今、担当者が全員ほかのお電話に対応しております。順番におつなぎしますので、このままお待ちください。'] : []),
      `只今、${announcement.position}番目にお待ちいただいております。`,
      announcement.expectedSeconds < 60 ? 'まもなくおつなぎできる見込みです。' : `およそ${minutes}分でおつなぎできる見込みです。`,
    ];
  }
  return [
    ...(announcement.first ? ['All our staff are on other calls. Please stay on the line, and we will answer your call in turn.'] : []),
    `You are number ${announcement.position} in line.`,
    announcement.expectedSeconds < 60 ? 'We expect to answer your call shortly.' : `Your expected wait is about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  ];
}

/** 「留守番電話にメッセージを残される場合は1を、折り返しのお電話をご希望の場合は2を押してください。」 */
export function keysSentence(settings: Pick<WaitingLineSettings, 'voicemailKey' | 'callbackKey'>, language: Language): string | null {
  const voicemail = settings.voicemailKey;
  const callback = settings.callbackKey;
  if (family(language) === 'ja') {
    const parts = [
      ...(voicemail ? [`留守番電話にメッセージを残される場合は${keyName(voicemail, language)}を`] : []),
      ...(callback ? [`折り返しのお電話をご希望の場合は${keyName(callback, language)}を`] : []),
    ];
    return parts.length === 0 ? null : `${parts.join('、')}押してください。`;
  }
  const parts = [
    ...(voicemail ? [`To leave a voicemail, press ${keyName(voicemail, language)}.`] : []),
    ...(callback ? [`To have us call you back, press ${keyName(callback, language)}.`] : []),
  ];
  return parts.length === 0 ? null : parts.join(' ');
}

export const LINE_MESSAGES = {
  ja: {
    voicemail: '発信音の後に、お名前とご用件をお話しください。',
    callbackTaken: '折り返しのお電話のご依頼を承りました。担当者から改めてご連絡いたします。お電話ありがとうございました。',
    callbackWithheld: '番号が非通知のため、折り返しのご依頼は承れません。',
    waitedTooLong: '長らくお待たせして申し訳ございません。ただいま電話に出ることができません。',
  },
  en: {
    voicemail: 'Please leave your name and message after the tone.',
    callbackTaken: 'Thank you. We will call you back as soon as we can. Goodbye.',
    callbackWithheld: 'We cannot call you back because your number is withheld.',
    waitedTooLong: 'We are sorry to have kept you waiting. Nobody can take your call right now.',
  },
} as const;

export function lineMessage(name: keyof (typeof LINE_MESSAGES)['ja'], language: Language): string {
  return LINE_MESSAGES[family(language)][name];
}

/**
 * When the caller's leg should next come back to `/queue/wait`: the next announcement or the maximum
 * wait. Every visit of the leg sets `next_check_at` to this; any other value in the future is the
 * pacer's guard on a nudge still on its way (line-pacing.ts, onTheWay).
 */
export function nextCheckAt(entry: { enqueuedAt: Date; maxWaitSeconds: number; announceSeconds: number }, announcedAt: Date): Date {
  const announce = announcedAt.getTime() + entry.announceSeconds * 1000;
  const giveUp = entry.enqueuedAt.getTime() + entry.maxWaitSeconds * 1000;
  return new Date(Math.min(announce, giveUp));
}

export function announcementDue(entry: { announcedAt: Date | null; announceSeconds: number }, now: Date): boolean {
  return entry.announcedAt === null || now.getTime() >= entry.announcedAt.getTime() + entry.announceSeconds * 1000;
}

export function waitedTooLong(entry: { enqueuedAt: Date; maxWaitSeconds: number }, now: Date): boolean {
  return now.getTime() >= entry.enqueuedAt.getTime() + entry.maxWaitSeconds * 1000;
}

/**
 * Presence as a caller from outside the line sees it: a rep being rung for a caller from the line
 * (`held`) is busy, not free, so the caller joins the line behind rather than hear that nobody is
 * there.
 */
export function heldAsBusy(presence: RingPresence, held: ReadonlySet<string>): RingPresence {
  return {
    ringable: presence.ringable.filter((id) => !held.has(id)),
    busy: [...presence.busy, ...presence.ringable.filter((id) => held.has(id))],
  };
}

/** The next `<Dial>` for a caller from the line, and the reps it holds (nobody else in line rings them meanwhile). */
export type LineRing = Extract<RingStep, { kind: 'dial' }> & { hold: string[] };

/**
 * The ring plan for a caller from the line, among `mayRing`: the reps they may ring now, in ring
 * order. Sequential ringing holds only the rep it dials, so the others stay free for the callers
 * behind, and each step holds its own rep; simultaneous ringing holds every rep it may ring, as it
 * rings them all (its batches beyond 10 stay among them). Null: nobody left to ring.
 */
export function nextLineRing(spec: RingSpec, mayRing: readonly string[], position: RingPosition | null): LineRing | null {
  const step = nextRingStep(spec, { ringable: [...mayRing], busy: [] }, position);
  if (step.kind !== 'dial') return null;
  return { ...step, hold: spec.strategy === 'sequential' ? step.clients : [...mayRing] };
}

export type KeyDecision = { kind: 'voicemail' } | { kind: 'callback' } | { kind: 'keep-waiting' };

export function decideKey(settings: Pick<WaitingLineSettings, 'voicemailKey' | 'callbackKey'>, digits: string | undefined): KeyDecision {
  const key = (digits ?? '').trim();
  if (key !== '' && key === settings.voicemailKey) return { kind: 'voicemail' };
  if (key !== '' && key === settings.callbackKey) return { kind: 'callback' };
  return { kind: 'keep-waiting' };
}

/** The waiting line's music: the number's hold music as one `<Play>`able clip, or a pause. */
export function waitingMusic(music: HoldMusic | undefined, mediaBaseUrl: string): { play: string } | { pause: number } {
  if (music?.type === 'silence') return { pause: SILENT_TURN_SECONDS };
  if (music?.type === 'audio') return { play: `${mediaBaseUrl}/${encodeURIComponent(music.audioId)}` };
  return { play: WAITING_MUSIC_DEFAULT };
}

/**
 * One turn of the loop: the announcement (when due) and the keys, then the music, all inside a
 * one-key `<Gather>`; without a key, `<Redirect>` back to the server. `welcome`: the number's welcome
 * message first (the caller's first turn, when they went straight into the line).
 */
export function waitTwiml(
  ctx: IncomingContext,
  options: { state: LineState; sentences: readonly string[]; settings: Pick<WaitingLineSettings, 'voicemailKey' | 'callbackKey'>; welcome?: boolean; notice?: Prompt | null },
): string {
  const response = new twilio.twiml.VoiceResponse();
  if (options.welcome && ctx.number.messages.welcome) prompt(response, ctx.number.messages.welcome, ctx.speaker);
  // Joining the line: the first turn starts with it, and no later turn repeats it (voice/recording-notice.ts).
  playRecordingNotice(response, options.notice ? { message: options.notice, speaker: ctx.speaker } : null);
  const gather = response.gather({
    numDigits: 1,
    action: queueKeyUrl(ctx.publicUrl, options.state),
    method: 'POST',
    timeout: KEY_WAIT_SECONDS,
    actionOnEmptyResult: false,
    // `#` may be the voicemail or callback key; by default it would end the Gather with no digits, and
    // Twilio would skip the action (reference twilio.md §3.2).
    finishOnKey: '',
  });
  for (const sentence of options.sentences) say(gather, sentence, ctx.speaker);
  const keys = options.sentences.length > 0 ? keysSentence(options.settings, ctx.speaker.language) : null;
  if (keys) say(gather, keys, ctx.speaker);
  const music = waitingMusic(ctx.number.holdMusic, ctx.speaker.mediaBaseUrl);
  if ('play' in music) gather.play({}, music.play);
  else gather.pause({ length: music.pause });
  response.redirect({ method: 'POST' }, queueWaitUrl(ctx.publicUrl, options.state));
  return response.toString();
}

/** The caller chose voicemail (a key, or the maximum wait ran out): a short prompt, then the recording. */
export function lineVoicemailTwiml(ctx: IncomingContext, options: { path: number[]; before: string | null }): string {
  const response = new twilio.twiml.VoiceResponse();
  if (options.before) say(response, options.before, ctx.speaker);
  say(response, lineMessage('voicemail', ctx.speaker.language), ctx.speaker);
  recordVoicemail(response, ctx, options.path);
  response.hangup();
  return response.toString();
}

/** A sentence, then hang up (the callback request was taken). */
export function sayAndHangUpTwiml(ctx: IncomingContext, text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, text, ctx.speaker);
  response.hangup();
  return response.toString();
}

/**
 * Whether any way through the number ends in a waiting line (for `rep`: one that rep takes calls
 * from). The board and the popup show the line only then.
 */
export function hasWaitingLine(route: Route, rep: string | null = null): boolean {
  const lineFor = (action: { queue?: { enabled: boolean } | undefined; users: readonly string[] }) =>
    action.queue?.enabled === true && (rep === null || action.users.includes(rep));
  if (route.type === 'ring') return lineFor(route);
  const walk = (menu: readonly MenuItem[]): boolean => menu.some((item) => (item.action.type === 'menu' ? walk(item.action.menu) : lineFor(item.action)));
  return walk(route.menu);
}
