// A conference room as Twilio runs it (reference twilio-conference.md §1, §2, §4): participants join
// and leave, the room starts once two are present and one has startConferenceOnEnter, and ends when an
// endConferenceOnExit participant or the last participant leaves, or by REST. The first participant
// fixes the room's callbacks and recording. Membership changes are immediate (a REST answer shows
// them); the legs concerned hear about them through their mailbox at the next quiet moment.

import { audibleState, refreshMedia } from './conference-media.ts';
import {
  conferenceParams, DEFAULT_CONFERENCE_EVENTS, endParams, EVENT_WORD, leaveParams, participantParams,
} from './conference-callbacks.ts';
import type { ConferenceEventName, ReasonConferenceEnded, ReasonParticipantLeft } from './conference-callbacks.ts';
import type { Params } from './call-parameters.ts';
import type { CallbackGroup } from './courier.ts';
import type { MediaPlayer } from './media-player.ts';
import { RoomRecording } from './room-recording.ts';
import type { Participant } from './participant.ts';
import type { HttpMethod } from './twiml.ts';
import type { Hearing, RestExchange } from './types.ts';
import { roomHearing } from './audibility.ts';
import type { World } from './world.ts';

/**
 * [unverified] twilio-conference.md §2.1, §8: when a leg placed by CreateParticipant is not answered,
 * the room reports `participant-leave` with `ReasonParticipantLeft=participant_add_failed` (the 2023
 * changelog says the event now tells why a participant added by the API failed).
 */
export const REPORT_FAILED_PARTICIPANT_ADD = true;
/** [unverified] Legs placed by CreateParticipant and still ringing when the room ends are cancelled. */
export const CANCEL_RINGING_PARTICIPANTS_WHEN_ROOM_ENDS = true;

export interface RoomSettings {
  readonly statusCallback: { readonly url: string; readonly method: HttpMethod; readonly events: readonly string[] } | null;
  readonly record: boolean;
  readonly trim: 'trim-silence' | 'do-not-trim';
  readonly recordingStatusCallback: { readonly url: string; readonly method: HttpMethod; readonly events: readonly string[] } | null;
  readonly region: string | null;
  readonly maxParticipants: number;
}

export interface RoomLogEntry {
  readonly at: Date;
  /** A room event (reported to the status callback or not), or a REST request about the room. */
  readonly event: ConferenceEventName | 'REST';
  readonly who: string | null;
  readonly detail: string;
}

export class Room {
  readonly world: World;
  readonly sid: string;
  readonly friendlyName: string;
  readonly accountSid: string;
  readonly dateCreated: Date;
  /** The callbacks' group: the first participant to join's call (until then, whoever opened the room). */
  group: CallbackGroup;
  /** Current participants, ringing ones included, in the order they were added. */
  readonly participants: Participant[] = [];
  /** Everyone who was ever added. */
  readonly everyone: Participant[] = [];
  readonly log: RoomLogEntry[] = [];
  /** The REST requests about this room or its participants. */
  readonly rest: RestExchange[] = [];
  status: 'init' | 'in-progress' | 'completed' = 'init';
  dateUpdated: Date;
  settings: RoomSettings | null = null;
  reasonEnded: ReasonConferenceEnded | null = null;
  callSidEnding: string | null = null;
  recording: RoomRecording | null = null;
  announcement: MediaPlayer | null = null;
  private sequence = 0;

  constructor(world: World, sid: string, friendlyName: string, accountSid: string, group: CallbackGroup) {
    this.world = world;
    this.sid = sid;
    this.friendlyName = friendlyName;
    this.accountSid = accountSid;
    this.group = group;
    this.dateCreated = world.scheduler.now();
    this.dateUpdated = this.dateCreated;
  }

  get connected(): Participant[] {
    return this.participants.filter((participant) => participant.connected);
  }

  /** A current participant by CallSid or label. */
  find(callSidOrLabel: string): Participant | undefined {
    return this.participants.find((participant) => participant.leg.sid === callSidOrLabel || participant.label === callSidOrLabel);
  }


  /** A leg placed by CreateParticipant: listed while it rings. */
  addRinging(participant: Participant): void {
    this.participants.push(participant);
    this.everyone.push(participant);
  }

  join(participant: Participant): void {
    if (!this.participants.includes(participant)) this.addRinging(participant);
    // The first participant to join fixes the room's callbacks, recording and region; later values
    // are ignored (twilio-conference.md §1.1, pitfall 4).
    if (this.settings === null) {
      this.settings = participant.roomSettings;
      this.group = participant.leg.group;
    }
    participant.status = 'connected';
    participant.dateUpdated = this.world.scheduler.now();
    participant.leg.participant = participant;
    participant.leg.activity = { kind: 'room' };
    this.emit('participant-join', participant);
    const starts = this.status === 'init' && this.connected.length >= 2 && this.connected.some((present) => present.startConferenceOnEnter);
    const flags = [participant.muted && 'muted', !participant.startConferenceOnEnter && 'startConferenceOnEnter=false', participant.endConferenceOnExit && 'endConferenceOnExit', participant.coaching && `coach of ${participant.callSidToCoach}`]
      .filter((flag): flag is string => typeof flag === 'string');
    participant.leg.record({ type: 'conference', conference: { kind: 'join', room: this.friendlyName, conferenceSid: this.sid, label: participant.label, waiting: this.status !== 'in-progress' && !starts, flags } });
    participant.leg.visits.push({ room: this.friendlyName, conferenceSid: this.sid, label: participant.label, reason: null });
    if (starts) this.start(participant);
    refreshMedia(this);
  }

  /** A leg placed for this room that was not answered. */
  addFailed(participant: Participant, callStatus: string): void {
    const index = this.participants.indexOf(participant);
    if (index < 0) return;
    this.participants.splice(index, 1);
    participant.status = 'failed';
    if (REPORT_FAILED_PARTICIPANT_ADD) this.emit('participant-leave', participant, leaveParams(callStatus, 'participant_add_failed'));
    if (this.status !== 'completed' && this.participants.length === 0) this.end('last-participant-left', participant);
  }

  leave(participant: Participant, reason: ReasonParticipantLeft, options: { notify: boolean; kicked?: boolean; callStatus?: string }): void {
    const index = this.participants.indexOf(participant);
    if (index < 0 || !participant.connected) return;
    this.participants.splice(index, 1);
    participant.status = 'complete';
    participant.dateUpdated = this.world.scheduler.now();
    participant.player?.stop();
    participant.announcement?.stop();
    const leg = participant.leg;
    if (leg.participant === participant) {
      leg.participant = null;
      if (leg.activity.kind === 'room') leg.activity = { kind: 'silence' };
    }
    this.emit('participant-leave', participant, leaveParams(options.callStatus ?? (leg.ended ? leg.status : 'in-progress'), reason));
    const visit = leg.visits.findLast((candidate) => candidate.conferenceSid === this.sid);
    if (visit) leg.visits[leg.visits.indexOf(visit)] = { ...visit, reason };
    leg.record({ type: 'conference', conference: { kind: 'leave', room: this.friendlyName, reason, roomEnded: this.status === 'completed' ? this.reasonEnded : null } });
    if (options.notify) this.world.soon(() => leg.mailbox.post({ type: 'left-room', reason }));
    if (this.status === 'completed') return;
    if (participant.endConferenceOnExit) this.end(options.kicked ? 'participant-with-end-conference-on-exit-kicked' : 'participant-with-end-conference-on-exit-left', participant);
    else if (this.connected.length === 0) this.end(options.kicked ? 'last-participant-kicked' : 'last-participant-left', participant);
    else refreshMedia(this);
  }

  /** Ends the room: everyone still in it leaves, and their `<Dial>` finishes. */
  end(reason: ReasonConferenceEnded, ender: Participant | null): void {
    if (this.status === 'completed') return;
    this.status = 'completed';
    this.dateUpdated = this.world.scheduler.now();
    this.reasonEnded = reason;
    this.callSidEnding = ender?.leg.sid ?? null;
    const why: ReasonParticipantLeft = reason === 'conference-ended-via-api' ? 'conference_ended_via_api' : 'moderator_ended_conference';
    for (const participant of [...this.participants]) {
      if (participant.connected) {
        this.leave(participant, why, { notify: true });
      } else if (CANCEL_RINGING_PARTICIPANTS_WHEN_ROOM_ENDS) {
        this.participants.splice(this.participants.indexOf(participant), 1);
        participant.status = 'failed';
        this.world.soon(() => participant.leg.mailbox.post({ type: 'api-hangup', status: 'canceled' }));
      }
    }
    this.announcement?.stop();
    this.emit('conference-end', null, endParams(reason, ender ? { callSid: ender.leg.sid, label: ender.label } : null));
    this.recording?.finish();
    if (!this.recording && this.settings?.record) RoomRecording.absent(this);
  }

  hearingOf(participant: Participant): Hearing {
    const state = audibleState(this);
    const me = state.participants.find((mixed) => mixed.callSid === participant.leg.sid);
    return me ? roomHearing(state, me) : { kind: 'nothing' };
  }

  /** Posts a conference status callback if the room's first participant asked for this event. */
  emit(event: ConferenceEventName, participant: Participant | null, extra: Params = {}): void {
    this.dateUpdated = this.world.scheduler.now();
    this.log.push({ at: this.world.scheduler.now(), event, who: participant?.name ?? null, detail: Object.entries(extra).map(([key, value]) => `${key}=${value}`).join(' ') });
    const callback = this.settings?.statusCallback;
    if (!callback || !callback.events.includes(EVENT_WORD[event])) return;
    this.group.emit({
      kind: 'conference-status',
      url: callback.url,
      method: callback.method,
      params: { ...conferenceParams(this, event, ++this.sequence, this.world.scheduler.now()), ...(participant ? participantParams(participant.flags()) : {}), ...extra },
    });
  }

  private start(joiner: Participant): void {
    this.status = 'in-progress';
    this.emit('conference-start', null);
    for (const participant of this.connected) if (participant !== joiner) participant.leg.record({ type: 'conference', conference: { kind: 'started', room: this.friendlyName } });
    // `record-from-start` begins when the first two participants are bridged (twilio-conference.md §6).
    if (this.settings?.record) this.recording = new RoomRecording(this);
  }
}

export { Participant } from './participant.ts';
export type { ParticipantOptions, ParticipantStatus } from './participant.ts';

export function conferenceEvents(events: readonly string[] | null): readonly string[] {
  return events ?? DEFAULT_CONFERENCE_EVENTS;
}
