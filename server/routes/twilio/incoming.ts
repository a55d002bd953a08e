import { Hono } from 'hono';
import type { AppDeps } from '../../http/deps.ts';
import type { TwilioWebhookEnv } from '../../twilio/signature.ts';
import { TWILIO_PATHS } from '../../voice/flow-state.ts';
import { answer } from './incoming/answer.ts';
import { fallback } from './incoming/fallback.ts';
import { afterForward } from './incoming/forwarded.ts';
import { menu } from './incoming/menu.ts';
import { queueKey, queueWait } from './incoming/queue.ts';
import { afterDial, ring } from './incoming/ring.ts';
import { createStage, type IncomingVoiceOptions } from './incoming/stage.ts';
import { voicemail } from './incoming/voicemail.ts';
import { voiceHandler } from './respond.ts';

export type { IncomingVoiceOptions, LookupCaller } from './incoming/stage.ts';

const path = (full: string) => full.replace('/twilio', '');

/**
 * Calls to our numbers, one stage per module (./incoming/): answer (hours, IVR or ring), the menu,
 * the ring plan and what follows a `<Dial>`, the waiting line, voicemail, the end of a forward
 * outside hours, Twilio's fallback.
 * Paths relative to `/twilio`.
 */
export function incomingVoiceRoutes(deps: AppDeps, options: IncomingVoiceOptions) {
  const stage = createStage(deps, options);
  return new Hono<TwilioWebhookEnv>()
    .post(path(TWILIO_PATHS.voice), voiceHandler(deps, (c, params) => answer(stage, c, params)))
    .post(path(TWILIO_PATHS.menu), voiceHandler(deps, (c, params) => menu(stage, c, params)))
    .post(path(TWILIO_PATHS.ring), voiceHandler(deps, (c, params) => afterDial(stage, c, params)))
    .post(path(TWILIO_PATHS.queueWait), voiceHandler(deps, (c, params) => queueWait(stage, c, params, (ctx, at) => ring(stage, c, params, ctx, at))))
    .post(path(TWILIO_PATHS.queueKey), voiceHandler(deps, (c, params) => queueKey(stage, c, params, (ctx, at) => ring(stage, c, params, ctx, at))))
    .post(path(TWILIO_PATHS.voicemail), voiceHandler(deps, (c, params) => voicemail(stage, c, params)))
    .post(path(TWILIO_PATHS.forwarded), voiceHandler(deps, (c, params) => afterForward(stage, c, params)))
    .post(path(TWILIO_PATHS.fallback), voiceHandler(deps, (c, params) => fallback(stage, c, params)));
}
