// A participant of a room: its leg, its flags (muted, hold, coaching…) and what plays to it.

import type { Room, RoomSettings } from './conference.ts';
import type { Leg } from './leg.ts';
import type { MediaPlayer } from './media-player.ts';
import type { HttpMethod } from './twiml.ts';

export type ParticipantStatus = 'queued' | 'connecting' | 'ringing' | 'connected' | 'complete' | 'failed';

export interface ParticipantOptions {
  readonly label: string | null;
  readonly muted: boolean;
  readonly beep: string;
  readonly startConferenceOnEnter: boolean;
  readonly endConferenceOnExit: boolean;
  readonly waitUrl: string | null;
  readonly waitMethod: HttpMethod | null;
  readonly coaching: boolean;
  readonly callSidToCoach: string | null;
  readonly earlyMedia: boolean;
  readonly jitterBufferSize: string;
  readonly queueTime: number | null;
  /** What this participant asks of the room; it applies if they are the first to join. */
  readonly roomSettings: RoomSettings;
}

export class Participant {
  readonly room: Room;
  readonly leg: Leg;
  readonly dateCreated: Date;
  readonly queueTime: number | null;
  readonly earlyMedia: boolean;
  readonly jitterBufferSize: string;
  readonly beep: string;
  readonly roomSettings: RoomSettings;
  label: string | null;
  muted: boolean;
  hold = false;
  holdUrl: string | null = null;
  holdMethod: HttpMethod = 'GET';
  coaching: boolean;
  callSidToCoach: string | null;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  beepOnExit: boolean;
  waitUrl: string | null;
  waitMethod: HttpMethod | null;
  status: ParticipantStatus = 'queued';
  dateUpdated: Date;
  player: MediaPlayer | null = null;
  announcement: MediaPlayer | null = null;

  constructor(room: Room, leg: Leg, options: ParticipantOptions) {
    this.room = room;
    this.leg = leg;
    this.label = options.label;
    this.muted = options.muted;
    this.beep = options.beep;
    this.beepOnExit = options.beep === 'true' || options.beep === 'onExit';
    this.startConferenceOnEnter = options.startConferenceOnEnter;
    this.endConferenceOnExit = options.endConferenceOnExit;
    this.waitUrl = options.waitUrl;
    this.waitMethod = options.waitMethod;
    this.coaching = options.coaching;
    this.callSidToCoach = options.callSidToCoach;
    this.earlyMedia = options.earlyMedia;
    this.jitterBufferSize = options.jitterBufferSize;
    this.queueTime = options.queueTime;
    this.roomSettings = options.roomSettings;
    this.dateCreated = room.world.scheduler.now();
    this.dateUpdated = this.dateCreated;
  }

  get connected(): boolean {
    return this.status === 'connected';
  }

  /** How the others hear of this participant: its label, else the far end's address. */
  get name(): string {
    return this.label ?? this.leg.party;
  }

  flags() {
    return {
      callSid: this.leg.sid,
      label: this.label,
      muted: this.muted,
      hold: this.hold,
      coaching: this.coaching,
      callSidToCoach: this.callSidToCoach,
      startConferenceOnEnter: this.startConferenceOnEnter,
      endConferenceOnExit: this.endConferenceOnExit,
    };
  }
}
