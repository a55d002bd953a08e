import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type { AppDeps } from '../http/deps.ts';
import { displayNumber } from '../phone-config/display-number.ts';
import { normaliseNumber } from '../phone-config/normalise.ts';
import type { IncomingNumber, RingStrategy } from '../phone-config/schema.ts';
import { findIncomingNumber, loadSettings, loadTwilioCredentials } from '../store/phone-config-store.ts';
import type { AdminMessage } from '../twilio/errors.ts';
import { parseRingState, PREVIEW_AT_PARAM, TWILIO_PATHS } from '../voice/flow-state.ts';
import { ringActionAt } from '../voice/ivr.ts';
import { apiError } from '../http/errors.ts';
import { instantAt } from '../voice/business-hours.ts';
import { closedSummary, discardPreviewCall, isWaitingLine, WAITING_IN_LINE } from './preview-hours.ts';
import { requirePublicUrl } from './twilio-account-service.ts';
import { elementsOf, readTwiml, textOf, type TwimlElement } from './twiml-reader.ts';

/**
 * The options page's preview: the admin "calls" a number. This plays Twilio's part against the
 * server's own webhooks — signed requests to `/twilio/voice`, then to the Gather, Redirect and Dial
 * action URLs with the admin's key presses — so the preview is the real call flow, not a second
 * implementation. Nobody answers a `<Dial>` in a preview, which walks the whole ring plan. The
 * call-log rows the flow writes on the way are removed afterwards.
 */

/** Answers a webhook request as the app would (the lead hands in `app.request`). */
export type VoiceFetch = (request: Request) => Response | Promise<Response>;

type Rep = { id: string; name: string };

export type PreviewStep =
  | { say: { text: string; language: string; voice: string } }
  | { play: { url: string } }
  | { pause: { seconds: number } }
  /** `prompts`: how many of the steps just before it the Gather reads itself; a key stops them (a skippable welcome is one). */
  | { gather: { numDigits: number; timeout: number; pressed: string | null; prompts: number } }
  | { dial: { clients: Rep[]; strategy: RingStrategy; timeout: number; cycle: number } }
  | { record: { maxLength: number; playBeep: boolean } }
  | { hangup: Record<string, never> };

export type PreviewOutcome = 'waiting-for-input' | 'waiting-in-line' | 'voicemail' | 'hangup';

export interface Preview {
  steps: PreviewStep[];
  outcome: PreviewOutcome;
  summary: AdminMessage;
  /**
   * Where the caller is in the IVR, as keys: the menu waiting for a key, or the item whose reps
   * are rung (`[2, 1]`: key 2, then key 1 of its submenu; `[]`: the top menu or a direct number).
   * Read from the flow's own action URLs (their `n`), so the options page can highlight it.
   */
  path: number[];
}

/** More webhook round trips than any valid configuration needs (5 menu levels, 2 cycles of reps). */
const MAX_REQUESTS = 60;
const PREVIEW_CALLER = '+815000000000';

export async function previewCall(deps: AppDeps, voice: VoiceFetch, input: { number: string; digits: string[]; at?: { date: string; time: string } | undefined }): Promise<Preview> {
  const publicUrl = requirePublicUrl(deps);
  const { db } = deps.store;
  const credentials = await loadTwilioCredentials(db, deps.secretBox);
  if (!credentials) throw apiError('twilio_not_configured');
  const { defaultCountry } = await loadSettings(db);
  const e164 = normaliseNumber(input.number, defaultCountry) ?? input.number;
  const number = await findIncomingNumber(db, e164);
  if (!number) throw apiError('incoming_number_not_found', { number: displayNumber(e164, defaultCountry) });

  const callSid = `CA${randomBytes(16).toString('hex')}`;
  // "As if it were" a chosen moment: the flow reads it from a signed parameter (business hours, the line).
  const previewAt: Record<string, string> = input.at ? { [PREVIEW_AT_PARAM]: instantAt(input.at.date, input.at.time, (await loadSettings(db)).timeZone).toISOString() } : {};
  const call = {
    AccountSid: credentials.accountSid, ApiVersion: '2010-04-01', CallSid: callSid, Direction: 'inbound',
    From: PREVIEW_CALLER, Caller: PREVIEW_CALLER, To: e164, Called: e164, ...previewAt,
  };
  const post = async (url: string, params: Record<string, string>): Promise<TwimlElement> => {
    const signature = twilio.getExpectedTwilioSignature(credentials.authToken, url, params);
    const response = await voice(
      new Request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
        body: new URLSearchParams(params).toString(),
      }),
    );
    if (!response.ok) {
      // Our own webhooks refusing us (signature, PUBLIC_URL mismatch) is a server setup problem.
      throw apiError('preview_failed', { path: new URL(url).pathname, status: response.status });
    }
    return readTwiml(await response.text());
  };

  const users = await db.selectFrom('users').select(['id', 'name']).execute();
  const rep = (id: string): Rep => ({ id, name: users.find((u) => u.id === id)?.name ?? id });
  const digits = [...input.digits];
  const steps: PreviewStep[] = [];
  const position = { path: [] as number[] };
  let outcome: PreviewOutcome = 'hangup';
  try {
    let next: { url: string; params: Record<string, string> } | null = { url: `${publicUrl}${TWILIO_PATHS.voice}`, params: { CallStatus: 'ringing' } };
    for (let requests = 0; next && requests < MAX_REQUESTS; requests++) {
      const url: string = next.url;
      const document = await post(url, { ...call, ...next.params });
      next = null;
      const walk = walkVerbs(elementsOf(document), { url, digits, steps, number, rep, position });
      if (walk.kind === 'follow') next = { url: walk.url, params: { CallStatus: 'in-progress', ...walk.params } };
      else outcome = walk.outcome;
    }
    const logged = await db.selectFrom('calls').select(['reason', 'ivr_path']).where('call_sid', '=', callSid).executeTakeFirst();
    return { steps, outcome, summary: summarise(steps, outcome, logged?.reason ?? null, logged?.ivr_path ?? []), path: position.path };
  } finally {
    // A preview is not a call: nothing of it stays in the call log.
    await db.deleteFrom('call_recordings').where('call_sid', '=', callSid).execute();
    await db.deleteFrom('call_legs').where('parent_call_sid', '=', callSid).execute();
    await discardPreviewCall(db, callSid);
    await db.deleteFrom('calls').where('call_sid', '=', callSid).execute();
  }
}

type Walk = { kind: 'follow'; url: string; params: Record<string, string> } | { kind: 'end'; outcome: PreviewOutcome };

interface WalkContext {
  url: string;
  digits: string[];
  steps: PreviewStep[];
  number: IncomingNumber;
  rep: (id: string) => Rep;
  /** Updated at each Gather and Dial from its action URL. */
  position: { path: number[] };
}

/** The IVR path an action URL carries (`n=21` → [2, 1]). */
function pathOf(actionUrl: string): number[] {
  return [...(new URL(actionUrl).searchParams.get('n') ?? '')].map(Number).filter((key) => key >= 1 && key <= 9);
}

/** Executes one TwiML document verb by verb as Twilio would, up to the next request it would make. */
function walkVerbs(verbs: TwimlElement[], ctx: WalkContext): Walk {
  const resolve = (target: string | undefined) => (target ? new URL(target, ctx.url).toString() : ctx.url);
  for (const verb of verbs) {
    const a = verb.attributes;
    switch (verb.name) {
      case 'Say':
      case 'Play':
      case 'Pause':
        ctx.steps.push(spoken(verb));
        break;
      case 'Gather': {
        const prompts = elementsOf(verb);
        for (const inner of prompts) ctx.steps.push(spoken(inner));
        ctx.position.path = pathOf(resolve(a.action));
        const pressed = ctx.digits.shift() ?? null;
        ctx.steps.push({ gather: { numDigits: Number(a.numDigits ?? 1), timeout: Number(a.timeout ?? 5), pressed, prompts: prompts.length } });
        if (pressed === null) return { kind: 'end', outcome: isWaitingLine(resolve(a.action)) ? 'waiting-in-line' : 'waiting-for-input' };
        // The finish key (Twilio's default `#`) ends the Gather without digits: unless actionOnEmptyResult,
        // Twilio skips the action and runs the next verb (reference twilio.md §3.2).
        if (pressed === (a.finishOnKey ?? '#')) {
          if (a.actionOnEmptyResult === 'true') return { kind: 'follow', url: resolve(a.action), params: { Digits: '', FinishedOnKey: pressed } };
          break;
        }
        return { kind: 'follow', url: resolve(a.action), params: { Digits: pressed } };
      }
      case 'Redirect':
        return { kind: 'follow', url: resolve(textOf(verb)), params: {} };
      case 'Dial': {
        const ids = elementsOf(verb)
          .filter((noun) => noun.name === 'Client')
          .map((client) => textOf(elementsOf(client).find((e) => e.name === 'Identity') ?? client));
        const action = a.action ? resolve(a.action) : null;
        const state = action ? parseRingState(Object.fromEntries(new URL(action).searchParams)) : null;
        if (state) ctx.position.path = state.path;
        ctx.steps.push({
          dial: { clients: ids.map(ctx.rep), strategy: strategyAt(ctx.number, state?.path ?? [], ids), timeout: Number(a.timeout ?? 30), cycle: state?.cycle ?? 1 },
        });
        if (action) return { kind: 'follow', url: action, params: { DialCallStatus: 'no-answer', DialCallDuration: '0' } };
        break;
      }
      case 'Record':
        ctx.steps.push({ record: { maxLength: Number(a.maxLength ?? 3600), playBeep: a.playBeep !== 'false' } });
        return { kind: 'end', outcome: 'voicemail' };
      case 'Hangup':
      case 'Reject':
        ctx.steps.push({ hangup: {} });
        return { kind: 'end', outcome: 'hangup' };
    }
  }
  // Twilio hangs up when a document runs out of verbs.
  ctx.steps.push({ hangup: {} });
  return { kind: 'end', outcome: 'hangup' };
}

function spoken(verb: TwimlElement): PreviewStep {
  if (verb.name === 'Play') return { play: { url: textOf(verb) } };
  if (verb.name === 'Pause') return { pause: { seconds: Number(verb.attributes.length ?? 1) } };
  return { say: { text: textOf(verb), language: verb.attributes.language ?? '', voice: verb.attributes.voice ?? '' } };
}

/** The ring action the Dial belongs to, by the IVR path its action URL carries. */
function strategyAt(number: IncomingNumber, path: number[], clients: string[]): RingStrategy {
  const action = number.route.type === 'ring' ? number.route : ringActionAt(number.route, path);
  return action?.strategy ?? (clients.length > 1 ? 'simultaneous' : 'sequential');
}

type DialStep = Extract<PreviewStep, { dial: unknown }>['dial'];

function describeRinging(dials: DialStep[]): AdminMessage {
  const first = dials[0]!;
  if (first.strategy === 'simultaneous') {
    const names = [...new Set(dials.flatMap((d) => d.clients.map((c) => c.name)))];
    return { en: `rings ${names.join(' and ')} at once for ${first.timeout} s`, ja: `${names.join('、')}を同時に${first.timeout}秒呼び出します` };
  }
  const names = dials.filter((d) => d.cycle === 1).flatMap((d) => d.clients.map((c) => c.name));
  const cycles = Math.max(...dials.map((d) => d.cycle));
  const seconds = first.timeout;
  if (names.length === 1) {
    return {
      en: `rings ${names[0]} for ${seconds} s${cycles > 1 ? `, ${cycles} times` : ''}`,
      ja: `${names[0]}を${seconds}秒${cycles > 1 ? `、${cycles}回` : ''}呼び出します`,
    };
  }
  return {
    en: `rings ${names.join(', then ')}, ${seconds} s each${cycles > 1 ? `, ${cycles} cycles` : ''}`,
    ja: `${names.join('、')}の順に各${seconds}秒${cycles > 1 ? `、${cycles}巡` : ''}呼び出します`,
  };
}

const ENDINGS: Record<string, AdminMessage> = {
  'nobody-online': { en: 'nobody online: unavailable message', ja: '対応できる担当者がいません：不在メッセージを流します' },
  'everyone-busy': { en: 'everyone is on a call: busy message', ja: '担当者が全員通話中です：話し中メッセージを流します' },
  'invalid-input': { en: 'no valid key after 3 tries: unavailable message', ja: '3回続けて有効なキーが押されませんでした：不在メッセージを流します' },
  'not-in-service': { en: 'this number is not in service', ja: 'この番号は現在使われていません' },
};

/** "rings 佐藤, then 鈴木, 20 s each, 2 cycles" / 「佐藤、鈴木の順に各20秒、2巡呼び出します」, from what the flow did. */
export function summarise(steps: PreviewStep[], outcome: PreviewOutcome, reason: string | null, ivrPath: string[]): AdminMessage {
  const dials = steps.flatMap((step) => ('dial' in step ? [step.dial] : []));
  const prefix = ivrPath.length > 0 ? { en: `${ivrPath.join(' > ')}: `, ja: `${ivrPath.join(' > ')}：` } : { en: '', ja: '' };
  let body: AdminMessage;
  const closed = reason ? closedSummary(reason, outcome) : null;
  if (outcome === 'waiting-for-input') {
    body = { en: 'plays the menu and waits for a key', ja: 'メニューを流してキー入力を待ちます' };
  } else if (outcome === 'waiting-in-line') {
    body = WAITING_IN_LINE;
  } else if (closed) {
    body = closed;
  } else if (dials.length > 0) {
    const ringing = describeRinging(dials);
    body =
      outcome === 'voicemail'
        ? { en: `${ringing.en}; if nobody answers: unavailable message, then voicemail`, ja: `${ringing.ja}。誰も出なければ不在メッセージの後、留守番電話を録音します` }
        : ringing;
  } else {
    body = (reason ? ENDINGS[reason] : undefined) ?? { en: 'plays the messages and hangs up', ja: 'メッセージを流して電話を切ります' };
  }
  return { en: prefix.en + body.en, ja: prefix.ja + body.ja };
}
