// What plays to whom in a room: each participant's wait or hold audio, and announcements to the room
// or to one participant (reference twilio-conference.md §1.1, §2.2, §2.3; `announcement-end` per the
// 2021 changelog). Players start and stop as the room's state changes.

import type { Mixed, RoomState } from './audibility.ts';
import type { Participant, Room } from './conference.ts';
import { DEFAULT_HOLD_AUDIO, MediaPlayer, TWILIO_HOLD_MUSIC } from './media-player.ts';
import type { MediaRequester } from './media-player.ts';
import type { HttpMethod } from './twiml.ts';

/** Starts, keeps or stops each participant's player so that it plays what it should now. */
export function refreshMedia(room: Room): void {
  for (const participant of room.participants) {
    const wanted = participant.connected ? wantedAudio(room, participant) : null;
    const player = participant.player;
    if (player && wanted && player.url === wanted.url && player.method === wanted.method) continue;
    player?.stop();
    participant.player = null;
    if (!wanted) continue;
    participant.player = new MediaPlayer(room.world, participant.leg, wanted.url, wanted.method);
    participant.player.start();
  }
}

function wantedAudio(room: Room, participant: Participant): { url: string; method: HttpMethod } | null {
  if (participant.hold) return { url: participant.holdUrl ?? DEFAULT_HOLD_AUDIO, method: participant.holdMethod };
  if (room.status === 'in-progress') return null;
  // Twilio requests its own playlist with GET, and a waitUrl you give with POST unless told otherwise.
  if (participant.waitUrl === null) return { url: TWILIO_HOLD_MUSIC, method: 'GET' };
  return { url: participant.waitUrl, method: participant.waitMethod ?? 'POST' };
}

export function audibleState(room: Room): RoomState {
  return {
    started: room.status === 'in-progress',
    announcement: room.announcement?.sound ?? null,
    participants: room.participants.map((participant): Mixed => ({
      callSid: participant.leg.sid,
      name: participant.name,
      connected: participant.connected,
      ringingWithEarlyMedia: participant.earlyMedia && participant.status === 'ringing',
      muted: participant.muted,
      hold: participant.hold,
      coaching: participant.coaching,
      callSidToCoach: participant.callSidToCoach,
      playing: participant.announcement?.sound ?? participant.player?.sound ?? null,
    })),
  };
}

/** Conference update `AnnounceUrl`: plays once to everyone in the room, then `announcement-end`. */
export function announceToRoom(room: Room, url: string, method: HttpMethod): void {
  room.announcement?.stop();
  const requester: MediaRequester = {
    params: () => ({ AccountSid: room.accountSid, ConferenceSid: room.sid, FriendlyName: room.friendlyName }),
    requestOptions: {},
    record: (event) => {
      if (event.type === 'error') room.log.push({ at: room.world.scheduler.now(), event: 'announcement-fail', who: null, detail: `${event.code} ${event.message}` });
    },
  };
  const player = new MediaPlayer(room.world, requester, url, method, (failed) => {
    if (room.announcement === player) room.announcement = null;
    room.emit(failed ? 'announcement-fail' : 'announcement-end', null, { AnnounceUrl: url });
  });
  room.announcement = player;
  player.start();
}

/** Participant update `AnnounceUrl`: plays once to that participant only. */
export function announceToParticipant(participant: Participant, url: string, method: HttpMethod): void {
  participant.announcement?.stop();
  const player = new MediaPlayer(participant.room.world, participant.leg, url, method, (failed) => {
    if (participant.announcement === player) participant.announcement = null;
    participant.room.emit(failed ? 'announcement-fail' : 'announcement-end', participant, { AnnounceUrl: url });
  });
  participant.announcement = player;
  player.start();
}
