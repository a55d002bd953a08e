import { z } from 'zod';
import { languageSchema, type Language } from '../phone-config/schema.ts';

/**
 * Where a call is in the IVR or in the ring sequence. No call state lives in memory: it travels in
 * the query of the action URLs we hand Twilio, which Twilio signs along with the rest of the URL, so
 * a restarted server or a second instance continues the call where it was.
 *
 *   n = IVR path as the keys pressed ("12" = item 1, then item 2 of its submenu)
 *   l = the number's language (to apologise in it even when the database is unreachable)
 *   t = invalid / missing inputs so far in this menu
 *   c = ring cycle (1 or 2), q = the reps to ring this cycle in online order, i = next position in q
 *   d = the reps rung by the `<Dial>` whose action this is
 *   w = 1 when the caller was rung from the waiting line (a failed ring puts them back in line)
 */

export const TWILIO_PATHS = {
  voice: '/twilio/voice',
  menu: '/twilio/voice/menu',
  ring: '/twilio/voice/ring',
  voicemail: '/twilio/voice/voicemail',
  forwarded: '/twilio/voice/forwarded',
  queueWait: '/twilio/voice/queue/wait',
  queueKey: '/twilio/voice/queue/key',
  outgoing: '/twilio/voice/outgoing',
  outgoingDialed: '/twilio/voice/outgoing/dialed',
  fallback: '/twilio/voice/fallback',
  status: '/twilio/status',
  recording: '/twilio/recording',
  roomJoin: '/twilio/room/join',
  roomLeft: '/twilio/room/left',
  roomVoicemail: '/twilio/room/voicemail',
  conference: '/twilio/conference',
  participant: '/twilio/participant',
  hold: '/twilio/hold',
} as const;

/**
 * The preview (services/preview-service.ts) walks the real flow with this signed parameter to see
 * the number "as if it were" another moment. Twilio never sends it, and nobody else can sign it.
 */
export const PREVIEW_AT_PARAM = 'PreviewAt';

export interface MenuState {
  language: Language;
  /** Keys pressed to reach the current menu; [] = the top menu. */
  path: number[];
  tries: number;
}

export interface RingState {
  language: Language;
  /** IVR path of the ring action; [] for a number that rings reps directly. */
  path: number[];
  cycle: number;
  queue: string[];
  index: number;
  /** The reps the previous `<Dial>` rang (empty before the first). */
  dialed: string[];
  /** Rung from the waiting line. */
  fromLine?: boolean;
}

/** A caller in a ring action's waiting line: the language and the IVR path of the ring action. */
export interface LineState {
  language: Language;
  path: number[];
}

const pathParam = z
  .string()
  .regex(/^[1-9]{0,5}$/)
  .transform((keys) => [...keys].map(Number));
const idsParam = z
  .string()
  .regex(/^([A-Za-z0-9_]{1,64}(\.[A-Za-z0-9_]{1,64})*)?$/)
  .transform((ids) => (ids === '' ? [] : ids.split('.')));
const countParam = (max: number) => z.coerce.number().int().min(0).max(max);

const languageParam = languageSchema.catch('ja-JP');

const menuQuery = z.object({
  l: languageParam,
  n: pathParam.catch([]),
  t: countParam(99).catch(0),
});

const ringQuery = z.object({
  l: languageParam,
  n: pathParam.catch([]),
  c: countParam(2).min(1).catch(1),
  q: idsParam.catch([]),
  i: countParam(10_000).catch(0),
  d: idsParam.catch([]),
  w: z.literal('1').optional().catch(undefined),
});

type Query = Record<string, string | undefined>;

export function parseLanguage(query: Query): Language | null {
  const parsed = languageSchema.safeParse(query.l);
  return parsed.success ? parsed.data : null;
}

export function parseMenuState(query: Query): MenuState {
  const q = menuQuery.parse({ l: query.l, n: query.n ?? '', t: query.t ?? '0' });
  return { language: q.l, path: q.n, tries: q.t };
}

export function parseRingState(query: Query): RingState {
  const q = ringQuery.parse({ l: query.l, n: query.n ?? '', c: query.c ?? '1', q: query.q ?? '', i: query.i ?? '0', d: query.d ?? '', w: query.w });
  return { language: q.l, path: q.n, cycle: q.c, queue: q.q, index: q.i, dialed: q.d, ...(q.w ? { fromLine: true } : {}) };
}

export function parseLineState(query: Query): LineState {
  const q = menuQuery.parse({ l: query.l, n: query.n ?? '', t: '0' });
  return { language: q.l, path: q.n };
}

export function queueWaitUrl(publicUrl: string, state: LineState): string {
  return url(publicUrl, TWILIO_PATHS.queueWait, { l: state.language, n: state.path.join('') });
}

export function queueKeyUrl(publicUrl: string, state: LineState): string {
  return url(publicUrl, TWILIO_PATHS.queueKey, { l: state.language, n: state.path.join('') });
}

function url(publicUrl: string, path: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `${publicUrl}${path}${query ? `?${query}` : ''}`;
}

export function menuUrl(publicUrl: string, state: MenuState): string {
  return url(publicUrl, TWILIO_PATHS.menu, { l: state.language, n: state.path.join(''), t: String(state.tries) });
}

export function ringUrl(publicUrl: string, state: RingState): string {
  return url(publicUrl, TWILIO_PATHS.ring, {
    l: state.language,
    n: state.path.join(''),
    c: String(state.cycle),
    q: state.queue.join('.'),
    i: String(state.index),
    d: state.dialed.join('.'),
    ...(state.fromLine ? { w: '1' } : {}),
  });
}

export function voicemailUrl(publicUrl: string, language: Language, path: number[]): string {
  return url(publicUrl, TWILIO_PATHS.voicemail, { l: language, n: path.join('') });
}

/** The action of the `<Dial>` that forwards a call outside business hours. */
export function forwardedUrl(publicUrl: string, language: Language): string {
  return url(publicUrl, TWILIO_PATHS.forwarded, { l: language });
}

export function outgoingDialedUrl(publicUrl: string, language: Language): string {
  return url(publicUrl, TWILIO_PATHS.outgoingDialed, { l: language });
}

export function statusUrl(publicUrl: string): string {
  return url(publicUrl, TWILIO_PATHS.status, {});
}

export function recordingUrl(publicUrl: string): string {
  return url(publicUrl, TWILIO_PATHS.recording, {});
}
