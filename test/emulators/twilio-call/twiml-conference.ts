// Reads `<Dial><Conference>` with the attributes and defaults of reference twilio-conference.md §1.1.

import { assertNoChildElements, boolean, integer, method, oneOf, optional, words } from './twiml-attributes.ts';
import { TwimlError } from './twiml-error.ts';
import type { ConferenceNoun } from './twiml-verbs.ts';
import { textContent } from './xml.ts';
import type { XmlElement } from './xml.ts';

/** The `statusCallbackEvent` words a room accepts. */
export const CONFERENCE_EVENT_WORDS = ['start', 'end', 'join', 'leave', 'mute', 'hold', 'modify', 'speaker', 'announcement'] as const;
const RECORDING_EVENT_WORDS = ['in-progress', 'completed', 'absent'];
const REGIONS = ['us1', 'us2', 'ie1', 'de1', 'sg1', 'br1', 'au1', 'jp1'] as const;
const MAX_ROOM_SIZE = 250;
const MAX_LABEL_LENGTH = 128;

export function readConference(element: XmlElement): ConferenceNoun {
  assertNoChildElements(element);
  const name = textContent(element).trim();
  if (name === '') throw new TwimlError(12200, '<Conference> needs a room name');
  const label = optional(element, 'participantLabel');
  if (label !== null && label.length > MAX_LABEL_LENGTH) throw new TwimlError(12200, `participantLabel is longer than ${MAX_LABEL_LENGTH} characters`);
  const maxParticipants = integer(element, 'maxParticipants', MAX_ROOM_SIZE);
  if (maxParticipants < 1 || maxParticipants > MAX_ROOM_SIZE) throw new TwimlError(12200, `maxParticipants="${maxParticipants}" is not 1–${MAX_ROOM_SIZE}`);
  const region = element.attributes.region;
  if (region !== undefined && !(REGIONS as readonly string[]).includes(region)) throw new TwimlError(12200, `region="${region}" is not one of ${REGIONS.join('|')}`);
  const statusCallbackEvents = element.attributes.statusCallbackEvent === undefined ? null : words(element, 'statusCallbackEvent', []);
  for (const event of statusCallbackEvents ?? []) {
    if (!(CONFERENCE_EVENT_WORDS as readonly string[]).includes(event)) throw new TwimlError(12200, `statusCallbackEvent "${event}" is not one of ${CONFERENCE_EVENT_WORDS.join(' ')}`);
  }
  const recordingEvents = words(element, 'recordingStatusCallbackEvent', ['completed']);
  for (const event of recordingEvents) {
    if (!RECORDING_EVENT_WORDS.includes(event)) throw new TwimlError(12200, `recordingStatusCallbackEvent "${event}" is not one of ${RECORDING_EVENT_WORDS.join(' ')}`);
  }
  const waitMethod = element.attributes.waitMethod === undefined ? null : method(element, 'waitMethod');
  return {
    kind: 'conference',
    name,
    muted: boolean(element, 'muted', false),
    beep: oneOf(element, 'beep', ['true', 'false', 'onEnter', 'onExit'], 'true'),
    startConferenceOnEnter: boolean(element, 'startConferenceOnEnter', true),
    endConferenceOnExit: boolean(element, 'endConferenceOnExit', false),
    participantLabel: label,
    jitterBufferSize: oneOf(element, 'jitterBufferSize', ['small', 'medium', 'large', 'off'], 'large'),
    waitUrl: optional(element, 'waitUrl'),
    waitMethod,
    maxParticipants,
    record: oneOf(element, 'record', ['do-not-record', 'record-from-start'], 'do-not-record'),
    region: region ?? null,
    trim: oneOf(element, 'trim', ['trim-silence', 'do-not-trim'], 'trim-silence'),
    coach: optional(element, 'coach'),
    statusCallback: optional(element, 'statusCallback'),
    statusCallbackMethod: method(element, 'statusCallbackMethod'),
    statusCallbackEvents,
    // `eventCallbackUrl` is deprecated and ignored whenever recordingStatusCallback is present.
    recordingStatusCallback: optional(element, 'recordingStatusCallback') ?? optional(element, 'eventCallbackUrl'),
    recordingStatusCallbackMethod: method(element, 'recordingStatusCallbackMethod'),
    recordingStatusCallbackEvents: recordingEvents,
  };
}
