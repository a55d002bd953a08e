// How a test sees the world: a leg (`twilio.leg(sid)`, a started call), a room
// (`twilio.conference(name)`) and its participants.

import type { Participant, Room } from './conference.ts';
import { describeCall } from './describe.ts';
import type { Leg } from './leg.ts';
import type { StoredRecording } from './recordings.ts';
import { transcriptOf } from './transcript.ts';
import type { CallTranscript, Hearing, PendingCallback, RestExchange } from './types.ts';

export interface CallHandle {
  readonly sid: string;
  readonly direction: Leg['direction'];
  readonly from: string;
  readonly to: string;
  readonly parentCallSid: string | null;
  /** The Call resource's status: queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled. */
  readonly status: string;
  readonly answered: boolean;
  readonly ended: boolean;
  /** What the device saw as `call.customParameters`. */
  readonly customParameters: Readonly<Record<string, string>>;
  /** What the person on this leg hears now. */
  hearing(): Hearing;
  /** The room this leg is in now, as a participant. */
  participant(): ParticipantView | null;
  /** The person on this leg presses keys (a Gather, `*` with hangupOnStar). */
  press(keys: string): Promise<void>;
  /** The person on this leg hangs up. */
  hangUp(): Promise<void>;
  transcript(): CallTranscript;
  /** `describeCall(transcript())`. */
  describe(): string;
  /** Runs the world until this leg has ended (and its callbacks are delivered). */
  finish(maxSeconds?: number): Promise<CallTranscript>;
}

export interface ParticipantView {
  readonly callSid: string;
  readonly label: string | null;
  readonly conferenceSid: string;
  readonly status: string;
  readonly muted: boolean;
  readonly hold: boolean;
  readonly holdUrl: string | null;
  readonly coaching: boolean;
  readonly callSidToCoach: string | null;
  readonly startConferenceOnEnter: boolean;
  readonly endConferenceOnExit: boolean;
  readonly hearing: Hearing;
}

export interface ConferenceView {
  readonly sid: string;
  readonly friendlyName: string;
  readonly status: Room['status'];
  readonly reasonEnded: string | null;
  readonly callSidEnding: string | null;
  /** Current participants (ringing ones included), in the order they were added. */
  participants(): ParticipantView[];
  participant(labelOrCallSid: string): ParticipantView | undefined;
  /** The conference status callbacks this room generated, in order. */
  readonly callbacks: readonly PendingCallback[];
  /** Its recording status callbacks. */
  readonly recordingCallbacks: readonly PendingCallback[];
  readonly recordings: readonly StoredRecording[];
  readonly restRequests: readonly RestExchange[];
  /** The room's story: every event (reported or not), with seconds since the room was created. */
  describe(): string;
}

export function callHandle(leg: Leg): CallHandle {
  const world = leg.world;
  const act = async (notice: Parameters<Leg['mailbox']['post']>[0]) => {
    if (leg.ended) throw new Error(`Call ${leg.sid} has ended`);
    world.soon(() => leg.mailbox.post(notice));
    await world.settle();
  };
  return {
    sid: leg.sid,
    direction: leg.direction,
    from: leg.from,
    to: leg.to,
    parentCallSid: leg.parent?.sid ?? null,
    get status() {
      return leg.status;
    },
    get answered() {
      return leg.answered;
    },
    get ended() {
      return leg.ended;
    },
    customParameters: leg.customParameters,
    hearing: () => hearingOf(leg),
    participant: () => (leg.participant ? participantView(leg.participant) : null),
    press: (keys) => act({ type: 'keys', keys }),
    hangUp: () => act({ type: 'hangup' }),
    transcript: () => transcriptOf(leg),
    describe: () => describeCall(transcriptOf(leg)),
    finish: async (maxSeconds) => {
      await world.runUntil(() => leg.ended, maxSeconds);
      return transcriptOf(leg);
    },
  };
}

export function hearingOf(leg: Leg): Hearing {
  const activity = leg.activity;
  switch (activity.kind) {
    case 'idle':
    case 'silence':
      return { kind: 'silence' };
    case 'ringing':
      return { kind: 'ringing' };
    case 'ringback':
      return { kind: 'ringback' };
    case 'say':
      return { kind: 'say', text: activity.text };
    case 'play':
      return { kind: 'play', url: activity.url };
    case 'bridge':
      return { kind: 'call', hears: [activity.with.party] };
    case 'room':
      return leg.participant ? leg.participant.room.hearingOf(leg.participant) : { kind: 'silence' };
    case 'ended':
      return { kind: 'nothing' };
  }
}

export function participantView(participant: Participant): ParticipantView {
  return {
    callSid: participant.leg.sid,
    label: participant.label,
    conferenceSid: participant.room.sid,
    status: participant.status,
    muted: participant.muted,
    hold: participant.hold,
    holdUrl: participant.holdUrl,
    coaching: participant.coaching,
    callSidToCoach: participant.callSidToCoach,
    startConferenceOnEnter: participant.startConferenceOnEnter,
    endConferenceOnExit: participant.endConferenceOnExit,
    hearing: participant.connected ? participant.room.hearingOf(participant) : { kind: participant.status === 'ringing' ? 'ringing' : 'nothing' },
  };
}

export function conferenceView(room: Room): ConferenceView {
  const ours = (kind: PendingCallback['kind']) => room.group.generated.filter((callback) => callback.kind === kind && callback.params.ConferenceSid === room.sid);
  return {
    sid: room.sid,
    friendlyName: room.friendlyName,
    get status() {
      return room.status;
    },
    get reasonEnded() {
      return room.reasonEnded;
    },
    get callSidEnding() {
      return room.callSidEnding;
    },
    participants: () => room.participants.map(participantView),
    participant: (labelOrCallSid) => {
      const participant = room.find(labelOrCallSid);
      return participant ? participantView(participant) : undefined;
    },
    get callbacks() {
      return ours('conference-status');
    },
    get recordingCallbacks() {
      return ours('recording-status');
    },
    get recordings() {
      return [...room.world.recordings.values()].filter((recording) => recording.conferenceSid === room.sid);
    },
    get restRequests() {
      return [...room.rest];
    },
    describe: () => describeRoom(room),
  };
}

/** One line per event: `+12s participant-hold customer`, `+12s REST POST /Conferences/CF…/Participants/customer.json Hold=true → 200`. */
function describeRoom(room: Room): string {
  const start = room.dateCreated.getTime();
  return room.log
    .map((entry) => {
      const offset = `+${Math.round((entry.at.getTime() - start) / 1000)}s`;
      if (entry.event === 'REST') return `${offset} ${entry.detail}`;
      return `${offset} ${entry.event}${entry.who === null ? '' : ` ${entry.who}`}${entry.detail === '' ? '' : ` (${entry.detail})`}`;
    })
    .join('\n');
}
