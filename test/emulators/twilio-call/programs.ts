// The life of each kind of leg: an inbound call runs the Voice URL's TwiML; a call placed by REST
// rings its endpoint and runs its TwiML once answered; a participant placed by REST rings (after the
// account's CreateParticipant queue) and joins its room (reference twilio-conference.md §2.1, §3).

import type { Participant } from './conference.ts';
import type { Leg, TwimlSource } from './leg.ts';
import { ringLeg } from './ringing.ts';
import { waitInRoom } from './run-conference.ts';
import { TIMEOUT } from './scheduler.ts';
import { runTwiml } from './twiml-runner.ts';
import { MAX_CALL_SECONDS } from './world.ts';

export async function inboundProgram(leg: Leg, voiceUrl: string): Promise<void> {
  leg.progress('initiated');
  leg.progress('ringing');
  await runTwiml(leg, { url: voiceUrl, method: 'POST', extra: {} });
}

/** Calls create: the `Url` (or `Twiml`) runs when the callee answers; a redirect while ringing replaces it. */
export async function outboundProgram(leg: Leg, source: TwimlSource, timeoutSeconds: number): Promise<void> {
  leg.progress('initiated');
  let target = source;
  const answered = await ringLeg(leg, undefined, timeoutSeconds, (to) => (target = to));
  if (answered) await runTwiml(leg, target);
}

export async function participantProgram(leg: Leg, participant: Participant, placeAt: number, timeoutSeconds: number): Promise<void> {
  const room = participant.room;
  const scheduler = leg.world.scheduler;
  while (scheduler.nowMillis < placeAt) {
    const notice = await leg.mailbox.next((placeAt - scheduler.nowMillis) / 1000);
    if (notice === TIMEOUT) break;
    if (notice.type === 'api-hangup' || notice.type === 'ended') {
      leg.end('canceled', 'ended-by-api');
      room.addFailed(participant, 'canceled');
      return;
    }
  }
  participant.status = 'connecting';
  leg.progress('initiated');
  participant.status = 'ringing';
  let redirected: TwimlSource | null = null;
  const answered = await ringLeg(leg, undefined, timeoutSeconds, (to) => (redirected = to));
  if (!answered) {
    room.addFailed(participant, leg.status);
    return;
  }
  if (redirected !== null || room.status === 'completed') {
    room.addFailed(participant, 'in-progress');
    if (redirected !== null) await runTwiml(leg, redirected);
    else leg.end('completed', 'completed');
    return;
  }
  room.join(participant);
  const exit = await waitInRoom(leg, participant, MAX_CALL_SECONDS, false);
  if (exit.kind === 'interrupt') {
    if (exit.interrupt.type === 'redirect') return runTwiml(leg, exit.interrupt.to);
    if (exit.interrupt.type !== 'ended') leg.end('completed', exit.interrupt.type === 'time-limit' ? 'time-limit' : 'ended-by-api');
    return;
  }
  // A leg placed by REST has no TwiML after its room: Twilio hangs it up [inferred, twilio-conference.md §4.2].
  leg.end('completed', exit.kind === 'hung-up' ? 'hung-up' : 'completed');
}
