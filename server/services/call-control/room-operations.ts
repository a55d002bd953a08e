import { crmMatchOfInvitedCard } from '../../crm/caller-match.ts';
import type { AppDeps } from '../../http/deps.ts';
import {
  insertInvitation,
  markInviteFailed,
  markLeaving,
  setPartyLeg,
  setPartyMonitor,
  setPartyPurpose,
  takeOverParty,
  type CallRoom,
} from '../../store/call-parties.ts';
import { findUserById } from '../../store/users.ts';
import type { RoomClient } from '../../twilio/room-client.ts';
import type { Invitation, RoomOperation } from '../../voice/call-control.ts';
import { cardParameters } from '../../voice/client-card.ts';
import { CARD_PARAMETERS, TRANSFER_NOTE_MAX_LENGTH } from '../../voice/call-parameters.ts';
import { isAnonymousCaller } from '../../voice/caller-id.ts';
import { CUSTOMER_LABEL, holdMusicUrl, participantLegUrl } from '../../voice/room.ts';
import { isPresent } from '../../voice/room-parties.ts';
import { TWILIO_PATHS } from '../../voice/flow-state.ts';

/** How long a colleague's browser (or an outside number) rings for a transfer, consult or added party. */
export const INVITE_RING_SECONDS = 25;

export type OperationResult =
  | { kind: 'done' }
  /** The room (or the leg) is gone: the customer hung up while we acted. */
  | { kind: 'gone' }
  /** Someone we tried to ring could not be rung at all. */
  | { kind: 'invite-failed'; partyId: string; outcome: string };

/**
 * Carries out a plan's operations on the room, in order, stopping at the first one that finds the room
 * gone. Invitations are written down before Twilio rings anyone, so the leg's callbacks always find
 * their party; the leg's CallSid is stored as soon as Twilio returns it.
 */
export async function runRoomOperations(
  deps: AppDeps,
  client: RoomClient,
  room: CallRoom,
  operations: readonly RoomOperation[],
): Promise<OperationResult[]> {
  const { db } = deps.store;
  const publicUrl = deps.publicUrl ?? '';
  const results: OperationResult[] = [];
  let conferenceSid = room.conferenceSid;
  const resolveRoom = async () => (conferenceSid ??= room.room ? await client.findRoom(room.room) : null);

  for (const operation of operations) {
    if (operation.kind === 'repurpose') {
      await setPartyPurpose(db, room.callSid, operation.label, operation.purpose);
      results.push({ kind: 'done' });
      continue;
    }
    if (operation.kind === 'take-over') {
      await takeOverParty(db, room.callSid, operation.label);
      results.push({ kind: 'done' });
      continue;
    }
    if (operation.kind === 'cancel') {
      // `canceled` stops a leg still ringing, room or no room (twilio-conference.md §2.4); one answered
      // in the meantime is left as it is and joins, so the supervisor sees themselves monitoring and can stop again.
      await client.cancel(operation.legSid);
      await markLeaving(db, room.callSid, { kind: 'cancel', legSid: operation.legSid });
      results.push({ kind: 'done' });
      continue;
    }
    if (operation.kind === 'customer-to-voicemail') {
      const leg = room.customerLegSid ?? room.callSid;
      const url = `${publicUrl}${TWILIO_PATHS.roomVoicemail}?${new URLSearchParams({ call: room.callSid })}`;
      results.push({ kind: (await client.redirect(leg, url)) === 'gone' ? 'gone' : 'done' });
      continue;
    }
    const cf = await resolveRoom();
    if (!cf) {
      results.push({ kind: 'gone' });
      break;
    }
    let outcome: OperationResult;
    switch (operation.kind) {
      case 'hold':
        outcome = toResult(await client.hold(cf, CUSTOMER_LABEL, operation.on, holdMusicUrl(publicUrl, room.callSid)));
        break;
      case 'kick': {
        // The party the plan read: its label may be a new leg's by the time Twilio answers.
        const taken = room.parties.find((party) => party.label === operation.label && isPresent(party));
        // Someone already gone is as good as taken out.
        await client.kick(cf, operation.label);
        if (taken) await markLeaving(db, room.callSid, { kind: 'kick', partyId: taken.id });
        outcome = { kind: 'done' };
        break;
      }
      case 'set-monitor': {
        const answer = await client.monitor(cf, operation.label, { muted: operation.mode === 'listen', coachCallSid: operation.coach?.legSid ?? null });
        // Stored once Twilio took it: a refused switch leaves the mode Twilio still applies (and the room's end reads it).
        if (answer === 'ok') await setPartyMonitor(db, room.callSid, operation.label, operation.mode);
        outcome = toResult(answer);
        break;
      }
      case 'end-room':
        await client.endRoom(cf);
        outcome = { kind: 'done' };
        break;
      case 'invite':
        outcome = await invite(deps, client, room, cf, operation.invitation);
        break;
    }
    results.push(outcome);
    if (outcome.kind === 'gone') break;
  }
  return results;
}

const toResult = (answer: 'ok' | 'gone'): OperationResult => (answer === 'gone' ? { kind: 'gone' } : { kind: 'done' });

async function invite(deps: AppDeps, client: RoomClient, room: CallRoom, conferenceSid: string, invitation: Invitation): Promise<OperationResult> {
  const { db } = deps.store;
  // Never ring a whisperer in unmuted without coaching: the caller would hear what was meant for the rep.
  if (invitation.monitor === 'whisper' && !invitation.coach) throw new Error(`a whisper invitation for ${invitation.label} names no leg to coach`);
  const now = deps.now();
  const number = invitation.target.kind === 'number' ? invitation.target.e164 : null;
  const partyId = await insertInvitation(db, room.callSid, invitation, number, now);
  if (!partyId) return { kind: 'done' }; // Already on their way (a decision raced this one).
  try {
    const answer = await client.invite(conferenceSid, {
      from: await callerIdFor(room, invitation),
      to: await destinationFor(deps, room, invitation),
      label: invitation.label,
      earlyMedia: invitation.earlyMedia,
      muted: invitation.monitor === 'listen',
      coachCallSid: invitation.coach?.legSid ?? null,
      timeoutSeconds: INVITE_RING_SECONDS,
      statusCallback: participantLegUrl(deps.publicUrl ?? '', room.callSid, partyId),
    });
    if (answer === 'gone') {
      await markInviteFailed(db, partyId, 'canceled', now);
      return { kind: 'gone' };
    }
    await setPartyLeg(db, partyId, answer.callSid);
    return { kind: 'done' };
  } catch (error) {
    deps.logger.warn({ err: error, callSid: room.callSid, label: invitation.label }, 'Twilio did not ring the invited party');
    const failed = await markInviteFailed(db, partyId, 'failed', deps.now());
    return failed ? { kind: 'invite-failed', partyId, outcome: 'failed' } : { kind: 'done' };
  }
}

/**
 * Who the invited leg appears to come from: a colleague's browser shows the customer's number; an
 * outside number must see one of our Twilio numbers (Twilio requires a number we own as `From`).
 */
async function callerIdFor(room: CallRoom, invitation: Invitation): Promise<string> {
  const customer = room.customerNumber;
  if (invitation.target.kind === 'user' && /^\+\d{6,15}$/.test(customer) && !isAnonymousCaller(customer)) return customer;
  return room.ourNumber ?? customer;
}

/** `client:<id>?…`: the colleague's incoming-call card (twilio-conference.md §7, custom parameters on `To`). */
async function destinationFor(deps: AppDeps, room: CallRoom, invitation: Invitation): Promise<string> {
  if (invitation.target.kind === 'number') return invitation.target.e164;
  const inviter = invitation.invitedBy ? await findUserById(deps.store.db, invitation.invitedBy) : null;
  const card = cardParameters({
    parentCallSid: room.callSid,
    from: room.customerNumber,
    calledNumber: room.ourNumber ?? '',
    calledLabel: room.numberLabel ?? '',
    ivrPath: room.ivrPath,
    crmMatch: crmMatchOfInvitedCard(room),
  });
  const params = new URLSearchParams(card.map((parameter): [string, string] => [parameter.name, parameter.value]));
  params.set(CARD_PARAMETERS.invitePurpose, invitation.purpose);
  if (invitation.invitedBy) params.set(CARD_PARAMETERS.invitedBy, invitation.invitedBy);
  if (inviter) params.set(CARD_PARAMETERS.invitedByName, inviter.name);
  if (invitation.note) params.set(CARD_PARAMETERS.transferNote, invitation.note.slice(0, TRANSFER_NOTE_MAX_LENGTH));
  return `client:${invitation.target.userId}?${params.toString()}`;
}
