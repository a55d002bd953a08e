import type { AppDeps } from '../../http/deps.ts';
import { cachedTwilioCredentials } from '../../routes/twilio/credentials.ts';
import { createRoomClient } from '../../twilio/room-client.ts';
import { RecordingPause } from './recording-pause.ts';
import { RoomReactions } from './reactions.ts';
import { CallRequests } from './requests.ts';
import { RoomEvents } from './room-events.ts';
import { RoomMove } from './room-move.ts';

export type { ControlRequestInput, TargetInput } from './requests.ts';
export type { LiveCall, LiveParty } from './live-view.ts';

/** Conference-based call control (docs/call-flow.md): one per app, shared by the API and Twilio's webhooks. */
export interface CallControl {
  move: RoomMove;
  events: RoomEvents;
  requests: CallRequests;
  recording: RecordingPause;
}

export function createCallControl(deps: AppDeps): CallControl {
  const client = createRoomClient(cachedTwilioCredentials(deps), deps.twilioApiUrl);
  const reactions = new RoomReactions(deps, client);
  const move = new RoomMove(deps, client);
  return {
    move,
    events: new RoomEvents(deps, reactions),
    requests: new CallRequests(deps, client, reactions, move),
    recording: new RecordingPause(deps, client, move),
  };
}
