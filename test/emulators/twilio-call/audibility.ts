// Who hears whom in a room (reference twilio-conference.md §4.1, §4.5): a pure function of the room's
// state. Held participants hear the hold audio and are heard by nobody; muted participants are heard
// by nobody; a coach is heard only by the participant they coach; a room that has not started plays
// its wait audio; a participant ringing with EarlyMedia is heard ringing.

import type { Hearing } from './types.ts';

export interface Mixed {
  readonly callSid: string;
  /** The label, else the far end's address (`client:sato`, `+81…`). */
  readonly name: string;
  readonly connected: boolean;
  readonly ringingWithEarlyMedia: boolean;
  readonly muted: boolean;
  readonly hold: boolean;
  readonly coaching: boolean;
  readonly callSidToCoach: string | null;
  /** What the participant's wait/hold player is playing (`null`: silence). */
  readonly playing: string | null;
}

export interface RoomState {
  readonly started: boolean;
  readonly participants: readonly Mixed[];
  readonly announcement: string | null;
}

export function roomHearing(room: RoomState, me: Mixed): Hearing {
  if (me.hold) return { kind: 'hold', audio: me.playing };
  if (!room.started) return { kind: 'wait', audio: me.playing };
  const hears = room.participants.flatMap((other) => {
    if (other.callSid === me.callSid) return [];
    if (other.ringingWithEarlyMedia) return [`${other.name} (ringing)`];
    if (!other.connected || other.muted || other.hold) return [];
    if (other.coaching && other.callSidToCoach !== me.callSid) return [];
    return [other.name];
  });
  return room.announcement === null ? { kind: 'room', hears } : { kind: 'room', hears, announcement: room.announcement };
}
