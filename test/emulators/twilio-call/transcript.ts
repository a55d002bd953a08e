// A leg's transcript: everything that happened to it, and the summaries tests read most.

import type { Leg } from './leg.ts';
import type { CallEvent, CallTranscript, DialRecord, GatherRecord, HttpExchange, RecordingRecord } from './types.ts';

export function transcriptOf(leg: Leg): CallTranscript {
  const pick = <T extends CallEvent['type']>(type: T) =>
    leg.events.filter((event): event is Extract<CallEvent, { type: T }> => event.type === type);
  const heard = pick('heard').map((event) => event.heard);
  const dials: DialRecord[] = pick('dial').map((event) => event.dial);
  const gathers: GatherRecord[] = pick('gather').map((event) => event.gather);
  const recordings: RecordingRecord[] = [
    ...dials.flatMap((dial) => (dial.recording ? [dial.recording] : [])),
    ...pick('record').flatMap((event) => (event.recording ? [event.recording] : [])),
  ];
  const requests: HttpExchange[] = pick('request').map((event) => event.exchange);
  return {
    callSid: leg.sid,
    outcome: leg.outcome ?? 'completed',
    error: leg.error,
    events: [...leg.events],
    heard,
    said: heard.flatMap((item) => (item.kind === 'say' ? [item.text] : [])),
    rang: dials.map((dial) => dial.callees),
    dials,
    gathers,
    recordings,
    requests,
    callbacks: [...leg.group.generated],
    deliveries: [...leg.group.deliveries],
    durationSeconds: leg.elapsedSeconds,
    conferences: [...leg.visits],
    restRequests: [...leg.rest],
  };
}
