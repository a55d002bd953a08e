import { LRUCache } from 'lru-cache';
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { effectiveMenuTemplate, renderMenuSentence } from '../phone-config/defaults.ts';
import type { IncomingNumber, Language, Prompt } from '../phone-config/schema.ts';
import { cardParameters, type CallCard } from './client-card.ts';
import { forwardedUrl, menuUrl, recordingUrl, statusUrl, type RingState } from './flow-state.ts';
import { menuAt, offeredItems } from './ivr.ts';
import { messagesFor, prompt, promptOrDefault, say, speakerForLanguage, type Speaker } from './speech.ts';
import { playRecordingNotice } from './recording-notice.ts';
import { recordVoicemail } from './voicemail-recording.ts';


export interface IncomingContext {
  publicUrl: string;
  number: IncomingNumber;
  speaker: Speaker;
}

const RING_TONES: Record<Language, VoiceResponse.DialAttributes['ringTone']> = {
  'ja-JP': 'jp',
  'en-US': 'us',
  'en-GB': 'uk',
  'en-AU': 'au',
};

function welcome(response: VoiceResponse, ctx: IncomingContext): void {
  if (ctx.number.messages.welcome) prompt(response, ctx.number.messages.welcome, ctx.speaker);
}

/** The number is unknown or switched off. */
export function notInServiceTwiml(speaker: Speaker): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, messagesFor(speaker).notInService, speaker);
  response.hangup();
  return response.toString();
}

/**
 * The menu at `path`: one sentence per item from the number's template inside a one-digit `<Gather>`.
 * No input falls through to a `<Redirect>` to the same action without `Digits`, which counts as a try.
 */
type MenuOptions = { path: number[]; tries: number; notice: 'invalidChoice' | 'noInput' | null; welcome: boolean; closed?: boolean };

/**
 * The menu is the same document for every caller at the same place in it, and it is what most calls
 * get first: built once per number (the object the number cache hands out, replaced whenever the
 * number is reloaded) and place, with the library's own builder, so escaping stays the library's.
 */
const builtMenus = new WeakMap<IncomingNumber, LRUCache<string, string>>();

export function menuTwiml(ctx: IncomingContext, options: MenuOptions): string {
  let menus = builtMenus.get(ctx.number);
  if (!menus) {
    menus = new LRUCache({ max: 64 });
    builtMenus.set(ctx.number, menus);
  }
  const { language, voice, mediaBaseUrl } = ctx.speaker;
  const key = JSON.stringify([ctx.publicUrl, language, voice, mediaBaseUrl, options.path, options.tries, options.notice, options.welcome, options.closed === true]);
  let xml = menus.get(key);
  if (xml === undefined) {
    xml = buildMenuTwiml(ctx, options);
    menus.set(key, xml);
  }
  return xml;
}

function buildMenuTwiml(ctx: IncomingContext, options: MenuOptions): string {
  const response = new twilio.twiml.VoiceResponse();
  // A skippable welcome is read inside the Gather: the caller's first key stops it and is the menu
  // choice, the same request as a key pressed during the menu (reference twilio.md §3.2). Otherwise
  // it is read before the Gather, and keys pressed meanwhile are lost: Twilio is not listening yet.
  const skippable = options.welcome && ctx.number.welcomeSkippable === true;
  if (options.welcome && !skippable) welcome(response, ctx);
  if (options.notice) say(response, messagesFor(ctx.speaker)[options.notice], ctx.speaker);
  const items = ctx.number.route.type === 'ivr' ? (menuAt(ctx.number.route, options.path) ?? []) : [];
  const action = menuUrl(ctx.publicUrl, { language: ctx.speaker.language, path: options.path, tries: options.tries });
  // `#` is a key like any other here: it means nothing in a menu, so the caller hears "that is not a
  // valid choice". With Twilio's default finishOnKey (`#`) it would end the Gather with no digits,
  // Twilio would skip the action, and the caller would hear "we did not receive your choice"
  // (reference twilio.md §3.2).
  const gather = response.gather({ numDigits: 1, action, method: 'POST', timeout: 5, finishOnKey: '' });
  if (skippable && ctx.number.messages.welcome) prompt(gather, ctx.number.messages.welcome, ctx.speaker);
  const template = effectiveMenuTemplate(ctx.number);
  // Outside business hours, items offered in hours only (and submenus with nothing else) are not read out.
  const offered = offeredItems(items, options.closed !== true);
  for (const item of offered) say(gather, renderMenuSentence(template, item.label, item.key), ctx.speaker);
  response.redirect({ method: 'POST' }, action);
  return response.toString();
}

/**
 * One `<Dial>` ringing `clients` at once; its action continues the ring plan at `next`, or, once a rep
 * answered and the call moved into its room, sends the caller there. The Dial's own recording only
 * matters for a call that never reaches its room (see routes/twilio/callbacks.ts); a room records
 * the whole conversation itself.
 */
export function ringTwiml(
  ctx: IncomingContext,
  options: { welcome: boolean; clients: string[]; timeout: number; next: RingState; card: CallCard; actionUrl: string; notice?: Prompt | null },
): string {
  const response = new twilio.twiml.VoiceResponse();
  if (options.welcome) welcome(response, ctx);
  // Before the <Dial>: its recording starts when a rep answers (voice/recording-notice.ts).
  playRecordingNotice(response, options.notice ? { message: options.notice, speaker: ctx.speaker } : null);
  const dial = response.dial({
    action: options.actionUrl,
    method: 'POST',
    timeout: options.timeout,
    answerOnBridge: true,
    ...(RING_TONES[ctx.speaker.language] ? { ringTone: RING_TONES[ctx.speaker.language] } : {}),
    ...(ctx.number.record
      ? {
          record: 'record-from-answer-dual' as const,
          recordingStatusCallback: recordingUrl(ctx.publicUrl),
          recordingStatusCallbackMethod: 'POST',
          recordingStatusCallbackEvent: ['completed', 'absent'] satisfies VoiceResponse.DialAttributes['recordingStatusCallbackEvent'],
        }
      : {}),
  });
  const parameters = cardParameters(options.card);
  for (const identity of options.clients) {
    const client = dial.client({
      statusCallback: statusUrl(ctx.publicUrl),
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    client.identity(identity);
    for (const parameter of parameters) client.parameter(parameter);
  }
  return response.toString();
}

/**
 * Nobody could take the call: the unavailable message; after ringing, a voicemail too. Before the beep
 * the caller is asked to leave a message: the beep alone does not say what it is for. Without the
 * admin's own message, the default one then leaves out "please call again later".
 */
export function unavailableTwiml(ctx: IncomingContext, options: { welcome: boolean; voicemailPath: number[] | null }): string {
  const response = new twilio.twiml.VoiceResponse();
  if (options.welcome) welcome(response, ctx);
  promptOrDefault(response, ctx.number.messages.unavailable, options.voicemailPath ? 'noAnswer' : 'unavailable', ctx.speaker);
  if (options.voicemailPath) {
    say(response, messagesFor(ctx.speaker).leaveMessage, ctx.speaker);
    recordVoicemail(response, ctx, options.voicemailPath);
  }
  // Reached when there is no voicemail, or when Twilio skips the action of an empty recording.
  response.hangup();
  return response.toString();
}

export function busyTwiml(ctx: IncomingContext, options: { welcome: boolean }): string {
  const response = new twilio.twiml.VoiceResponse();
  if (options.welcome) welcome(response, ctx);
  promptOrDefault(response, ctx.number.messages.busy, 'busy', ctx.speaker);
  response.hangup();
  return response.toString();
}

export function hangupTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}

/** For callbacks whose response Twilio ignores (status, recording). */
export function emptyTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}

/**
 * Whatever failed (database unreachable, a bug), the caller hears an apology instead of Twilio's
 * "application error". In the number's language when known, else Japanese then English.
 */
export function apologyTwiml(language: Language | null, publicUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const languages: Language[] = language ? [language] : ['ja-JP', 'en-US'];
  for (const each of languages) {
    const speaker = speakerForLanguage(each, publicUrl);
    say(response, messagesFor(speaker).unavailable, speaker);
  }
  response.hangup();
  return response.toString();
}

/**
 * Outside business hours: the closed message (the admin's, else one that names the hours), then
 * voicemail, hang-up, or the call forwarded to a number that passed the toll-fraud guard. The
 * forward's `<Dial>` has an action (routes/twilio/incoming/forwarded.ts): without one Twilio would
 * carry on with the `<Hangup/>` whether the night number answered or not, and a caller it did not
 * answer would be hung up on with nobody the wiser.
 */
export function closedTwiml(
  ctx: IncomingContext,
  options: { defaultMessage: string; then: { type: 'voicemail' } | { type: 'hangup' } | { type: 'forward'; to: string } },
): string {
  const response = new twilio.twiml.VoiceResponse();
  if (ctx.number.messages.closed) prompt(response, ctx.number.messages.closed, ctx.speaker);
  else say(response, options.defaultMessage, ctx.speaker);
  switch (options.then.type) {
    case 'voicemail':
      recordVoicemail(response, ctx, []);
      break;
    case 'forward':
      response.dial(
        { action: forwardedUrl(ctx.publicUrl, ctx.speaker.language), method: 'POST', callerId: ctx.number.number, answerOnBridge: true },
        options.then.to,
      );
      // Verbs after a <Dial action> are never reached: what follows is the action's answer.
      return response.toString();
    case 'hangup':
      break;
  }
  response.hangup();
  return response.toString();
}
