// UpdateParticipant (reference twilio-conference.md §2.2, §4.1, §4.5): mute, hold with its hold audio,
// coaching, end-on-exit, wait URL, announcement. Each change is reported once: `participant-mute`/
// `-unmute`, `participant-hold`/`-unhold`, then one `participant-modify` for the rest. [inferred]
// A value that does not change (a repeated Hold=true) reports nothing.

import { announceToParticipant, refreshMedia } from './conference-media.ts';
import type { Participant } from './conference.ts';
import type { HttpMethod } from './twiml.ts';

export interface ParticipantChanges {
  readonly muted?: boolean | undefined;
  readonly hold?: boolean | undefined;
  readonly holdUrl?: string | undefined;
  readonly holdMethod?: HttpMethod | undefined;
  readonly announceUrl?: string | undefined;
  readonly announceMethod?: HttpMethod | undefined;
  readonly waitUrl?: string | undefined;
  readonly waitMethod?: HttpMethod | undefined;
  readonly beepOnExit?: boolean | undefined;
  readonly endConferenceOnExit?: boolean | undefined;
  readonly coaching?: boolean | undefined;
  readonly callSidToCoach?: string | undefined;
}

/** Applies the changes; returns what changed, as words for the story (`hold`, `coaching of CA…`…). */
export function applyParticipantUpdate(participant: Participant, changes: ParticipantChanges): string[] {
  const room = participant.room;
  const changed: string[] = [];
  if (changes.holdUrl !== undefined) participant.holdUrl = changes.holdUrl;
  // HoldMethod defaults to GET, unlike WaitMethod and AnnounceMethod (pitfall 6).
  if (changes.holdMethod !== undefined) participant.holdMethod = changes.holdMethod;

  if (changes.muted !== undefined && changes.muted !== participant.muted) {
    participant.muted = changes.muted;
    changed.push(changes.muted ? 'muted' : 'unmuted');
    room.emit(changes.muted ? 'participant-mute' : 'participant-unmute', participant);
  }
  if (changes.hold !== undefined && changes.hold !== participant.hold) {
    participant.hold = changes.hold;
    changed.push(changes.hold ? `held${participant.holdUrl === null ? '' : ` (${participant.holdUrl})`}` : 'unheld');
    room.emit(changes.hold ? 'participant-hold' : 'participant-unhold', participant);
  }

  const modified: string[] = [];
  if (changes.coaching !== undefined || changes.callSidToCoach !== undefined) {
    const coaching = changes.coaching ?? participant.coaching;
    const target = coaching ? (changes.callSidToCoach ?? participant.callSidToCoach) : null;
    if (coaching !== participant.coaching || target !== participant.callSidToCoach) {
      participant.coaching = coaching;
      participant.callSidToCoach = target;
      modified.push(coaching ? `coaching ${target}` : 'not coaching');
    }
  }
  if (changes.endConferenceOnExit !== undefined && changes.endConferenceOnExit !== participant.endConferenceOnExit) {
    participant.endConferenceOnExit = changes.endConferenceOnExit;
    modified.push(`endConferenceOnExit=${changes.endConferenceOnExit}`);
  }
  if (changes.beepOnExit !== undefined && changes.beepOnExit !== participant.beepOnExit) {
    participant.beepOnExit = changes.beepOnExit;
    modified.push(`beepOnExit=${changes.beepOnExit}`);
  }
  if (changes.waitUrl !== undefined && changes.waitUrl !== participant.waitUrl) {
    participant.waitUrl = changes.waitUrl;
    if (changes.waitMethod !== undefined) participant.waitMethod = changes.waitMethod;
    modified.push(`waitUrl=${changes.waitUrl}`);
  }
  if (modified.length > 0) {
    changed.push(...modified);
    room.emit('participant-modify', participant);
  }
  participant.dateUpdated = room.world.scheduler.now();
  refreshMedia(room);
  if (changes.announceUrl !== undefined && participant.connected) {
    announceToParticipant(participant, changes.announceUrl, changes.announceMethod ?? 'POST');
    changed.push(`announcement ${changes.announceUrl}`);
  }
  if (changed.length > 0) participant.leg.record({ type: 'conference', conference: { kind: 'update', room: room.friendlyName, changes: changed } });
  return changed;
}
