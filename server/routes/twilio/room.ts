import { Hono, type Handler } from 'hono';
import type { AppDeps } from '../../http/deps.ts';
import { orgCallLanguage } from '../../phone-config/defaults.ts';
import type { CallControl } from '../../services/call-control/index.ts';
import { loadCallRoom } from '../../store/call-parties.ts';
import { cachedIncomingNumber } from '../../store/incoming-number-cache.ts';
import { loadSettings } from '../../store/phone-config-store.ts';
import type { TwilioWebhookEnv } from '../../twilio/signature.ts';
import { TWILIO_PATHS } from '../../voice/flow-state.ts';
import { hangupTwiml, unavailableTwiml } from '../../voice/incoming-twiml.ts';
import { holdFallbackTwiml, holdMusicTwiml, parseCallQuery, roomLeftTwiml } from '../../voice/room.ts';
import { messagesFor, say, speakerFor, speakerForLanguage } from '../../voice/speech.ts';
import twilio from 'twilio';
import { callbackHandler, twiml, voiceHandler, type TwilioContext } from './respond.ts';

const path = (full: string) => full.replace('/twilio', '');

/**
 * Webhooks whose TwiML plays to someone inside a conference room (HoldUrl; we give no waitUrl or
 * AnnounceUrl of ours). Only Play, Say, Pause and Redirect may answer them (twilio-conference.md §1.1,
 * error 13238), and the person hearing it is still on a call with us: whatever fails, they get Twilio's
 * default hold music, not the apology and `<Hangup/>` of the other voice webhooks.
 */
const CONFERENCE_MEDIA_PATHS: ReadonlySet<string> = new Set([TWILIO_PATHS.hold]);

/** What a conference-media webhook answers when it failed before its handler ran; null for any other webhook. */
export function conferenceMediaFallback(c: TwilioContext): Response | null {
  return CONFERENCE_MEDIA_PATHS.has(c.req.path) ? twiml(c, holdFallbackTwiml()) : null;
}

/** `voiceHandler` for a conference-media webhook: never a 5xx, never TwiML a HoldUrl may not hold. */
function mediaHandler(deps: AppDeps, handle: (c: TwilioContext) => Promise<Response>): Handler<TwilioWebhookEnv> {
  return async (c) => {
    try {
      return await handle(c);
    } catch (error) {
      deps.logger.error({ err: error, path: c.req.path, callSid: c.get('twilioParams').CallSid }, 'hold music webhook failed; playing the default music');
      return twiml(c, holdFallbackTwiml());
    }
  };
}

/**
 * The conference room's webhooks (docs/call-flow.md): a leg entering and leaving the room, the room's
 * events, the status of legs rung into it, hold music, and voicemail when nobody took a transfer.
 * Paths relative to `/twilio`.
 */
export function roomRoutes(deps: AppDeps, control: CallControl) {
  const { db } = deps.store;
  const publicUrl = deps.publicUrl ?? '';

  return new Hono<TwilioWebhookEnv>()
    .post(
      path(TWILIO_PATHS.roomJoin),
      voiceHandler(deps, async (c) => {
        const query = parseCallQuery(c.req.query());
        const join = query?.label ? await control.move.joinTwiml(query.callSid, query.label) : null;
        return twiml(c, join ?? hangupTwiml());
      }),
    )
    .post(
      path(TWILIO_PATHS.roomLeft),
      voiceHandler(deps, async (c) => twiml(c, roomLeftTwiml())),
    )
    .post(
      path(TWILIO_PATHS.roomVoicemail),
      voiceHandler(deps, async (c) => {
        const query = parseCallQuery(c.req.query());
        const room = query ? await loadCallRoom(db, query.callSid) : null;
        const number = room?.direction === 'inbound' && room.ourNumber ? await cachedIncomingNumber(db, room.ourNumber) : null;
        if (number) {
          return twiml(c, unavailableTwiml({ publicUrl, number, speaker: speakerFor(number, publicUrl) }, { welcome: false, voicemailPath: [] }));
        }
        // An outgoing call has no voicemail of ours: apologise to the person we called.
        const settings = await loadSettings(db);
        const speaker = speakerForLanguage(orgCallLanguage(settings), publicUrl);
        const response = new twilio.twiml.VoiceResponse();
        say(response, messagesFor(speaker).unavailable, speaker);
        response.hangup();
        return twiml(c, response.toString());
      }),
    )
    .post(
      path(TWILIO_PATHS.hold),
      mediaHandler(deps, async (c) => {
        const query = parseCallQuery(c.req.query());
        const room = query ? await loadCallRoom(db, query.callSid) : null;
        let music = (await loadSettings(db)).outgoingHoldMusic ?? { type: 'default' as const };
        if (room?.direction === 'inbound' && room.ourNumber) {
          music = (await cachedIncomingNumber(db, room.ourNumber))?.holdMusic ?? { type: 'default' };
        }
        return twiml(c, holdMusicTwiml(music, `${publicUrl}/media`));
      }),
    )
    .post(
      path(TWILIO_PATHS.conference),
      callbackHandler(deps, async (c, params) => {
        const query = parseCallQuery(c.req.query());
        if (query) await control.events.conference(query.callSid, params);
      }),
    )
    .post(
      path(TWILIO_PATHS.participant),
      callbackHandler(deps, async (c, params) => {
        const query = parseCallQuery(c.req.query());
        if (query?.partyId) await control.events.invitedLeg(query.callSid, query.partyId, params);
      }),
    );
}
