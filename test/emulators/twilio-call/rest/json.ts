// The JSON shapes of the API 2010 resources the emulator serves (twilio_api_v2010.json:
// api.v2010.account.call, .conference, .conference.participant, .conference.conference_recording,
// .recording), and Twilio's list envelope.

import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { rfc2822 } from '../call-parameters.ts';
import type { Participant, Room } from '../conference.ts';
import type { Leg } from '../leg.ts';
import { recordingUrl } from '../recordings.ts';
import type { StoredRecording } from '../recordings.ts';

const V = '/2010-04-01/Accounts';

export function callJson(leg: Leg) {
  const base = `${V}/${leg.accountSid}/Calls/${leg.sid}`;
  const duration = leg.answeredAt !== null && leg.endedAt !== null ? String(Math.round((leg.endedAt - leg.answeredAt) / 1000)) : null;
  return {
    account_sid: leg.accountSid,
    answered_by: null,
    api_version: '2010-04-01',
    caller_name: null,
    date_created: rfc2822(new Date(leg.createdAt)),
    date_updated: rfc2822(new Date(leg.endedAt ?? leg.answeredAt ?? leg.createdAt)),
    direction: leg.direction,
    duration,
    end_time: leg.endedAt === null ? null : rfc2822(new Date(leg.endedAt)),
    forwarded_from: null,
    from: leg.from,
    from_formatted: formatted(leg.from),
    group_sid: null,
    parent_call_sid: leg.parent?.sid ?? null,
    phone_number_sid: null,
    price: null,
    price_unit: 'USD',
    queue_time: '0',
    sid: leg.sid,
    start_time: leg.status === 'queued' ? null : rfc2822(new Date(leg.createdAt)),
    // The resource has no `initiated`: a placed call not yet ringing is still `queued`.
    status: leg.status === 'initiated' ? 'queued' : leg.status,
    subresource_uris: Object.fromEntries(['notifications', 'recordings', 'payments', 'events', 'siprec', 'streams', 'transcriptions', 'user_defined_message_subscriptions', 'user_defined_messages']
      .map((name) => [name, `${base}/${name.split('_').map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')}.json`])),
    to: leg.to,
    to_formatted: formatted(leg.to),
    trunk_sid: null,
    uri: `${base}.json`,
  };
}

export function conferenceJson(room: Room) {
  const base = `${V}/${room.accountSid}/Conferences/${room.sid}`;
  return {
    account_sid: room.accountSid,
    api_version: '2010-04-01',
    call_sid_ending_conference: room.callSidEnding,
    date_created: rfc2822(room.dateCreated),
    date_updated: rfc2822(room.dateUpdated),
    friendly_name: room.friendlyName,
    reason_conference_ended: room.reasonEnded,
    region: room.settings?.region ?? 'us1',
    sid: room.sid,
    status: room.status,
    subresource_uris: { participants: `${base}/Participants.json`, recordings: `${base}/Recordings.json` },
    uri: `${base}.json`,
  };
}

/** `queue_time` (ms before the leg is placed) only comes with the create response. */
export function participantJson(participant: Participant, withQueueTime = false) {
  const room = participant.room;
  return {
    account_sid: room.accountSid,
    call_sid: participant.leg.sid,
    call_sid_to_coach: participant.callSidToCoach,
    coaching: participant.coaching,
    conference_sid: room.sid,
    date_created: rfc2822(participant.dateCreated),
    date_updated: rfc2822(participant.dateUpdated),
    end_conference_on_exit: participant.endConferenceOnExit,
    hold: participant.hold,
    label: participant.label,
    muted: participant.muted,
    queue_time: withQueueTime ? String(participant.queueTime ?? 0) : null,
    start_conference_on_enter: participant.startConferenceOnEnter,
    status: participant.status,
    uri: `${V}/${room.accountSid}/Conferences/${room.sid}/Participants/${participant.leg.sid}.json`,
  };
}

export function conferenceRecordingJson(recording: StoredRecording) {
  return {
    account_sid: recording.accountSid,
    api_version: '2010-04-01',
    call_sid: recording.callSid,
    channels: recording.channels,
    conference_sid: recording.conferenceSid,
    date_created: rfc2822(recording.dateCreated),
    date_updated: rfc2822(recording.dateUpdated),
    duration: recording.duration === null ? '-1' : String(recording.duration),
    encryption_details: null,
    error_code: null,
    price: null,
    price_unit: 'USD',
    sid: recording.sid,
    source: recording.source,
    start_time: rfc2822(recording.startTime),
    status: recording.status,
    uri: `${V}/${recording.accountSid}/Conferences/${recording.conferenceSid}/Recordings/${recording.sid}.json`,
  };
}

/** api.v2010.account.call.call_recording: `duration` is null until the recording is complete. */
export function callRecordingJson(recording: StoredRecording) {
  return {
    account_sid: recording.accountSid,
    api_version: '2010-04-01',
    call_sid: recording.callSid,
    conference_sid: recording.conferenceSid,
    channels: recording.channels,
    date_created: rfc2822(recording.dateCreated),
    date_updated: rfc2822(recording.dateUpdated),
    start_time: rfc2822(recording.startTime),
    price: null,
    price_unit: 'USD',
    duration: recording.duration === null ? null : String(recording.duration),
    sid: recording.sid,
    source: recording.source,
    status: recording.status,
    error_code: null,
    encryption_details: null,
    track: 'both',
    uri: `${V}/${recording.accountSid}/Calls/${recording.callSid}/Recordings/${recording.sid}.json`,
  };
}

export function recordingJson(recording: StoredRecording) {
  const base = `${V}/${recording.accountSid}/Recordings/${recording.sid}`;
  return {
    account_sid: recording.accountSid,
    api_version: '2010-04-01',
    call_sid: recording.callSid,
    channels: recording.channels,
    conference_sid: recording.conferenceSid,
    date_created: rfc2822(recording.dateCreated),
    date_updated: rfc2822(recording.dateUpdated),
    duration: recording.duration === null ? '-1' : String(recording.duration),
    encryption_details: null,
    error_code: null,
    media_url: recordingUrl(recording.accountSid, recording.sid),
    price: null,
    price_unit: 'USD',
    sid: recording.sid,
    source: recording.source,
    start_time: rfc2822(recording.startTime),
    status: recording.status,
    subresource_uris: { add_on_results: `${base}/AddOnResults.json`, transcriptions: `${base}/Transcriptions.json` },
    uri: `${base}.json`,
  };
}

/** Twilio's list envelope, with `PageSize`/`Page` paging and the filters kept in the page URIs. */
export function page<T>(key: string, items: readonly T[], listUri: string, query: Record<string, string>) {
  const pageSize = Math.min(Math.max(Number(query.PageSize ?? 50) || 50, 1), 1000);
  const pageNumber = Math.max(Number(query.Page ?? 0) || 0, 0);
  const filters = Object.entries(query).filter(([name]) => !['PageSize', 'Page', 'PageToken'].includes(name));
  const uri = (n: number) => {
    const paging: [string, string][] = [['PageSize', String(pageSize)], ['Page', String(n)], ...(n > 0 ? [['PageToken', `PA${n}`] as [string, string]] : [])];
    const search = new URLSearchParams([...filters, ...paging]);
    return `${listUri}?${search.toString()}`;
  };
  const slice = items.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize);
  return {
    [key]: slice,
    end: pageNumber * pageSize + Math.max(slice.length - 1, 0),
    first_page_uri: uri(0),
    next_page_uri: (pageNumber + 1) * pageSize < items.length ? uri(pageNumber + 1) : null,
    page: pageNumber,
    page_size: pageSize,
    previous_page_uri: pageNumber > 0 ? uri(pageNumber - 1) : null,
    start: pageNumber * pageSize,
    uri: uri(pageNumber),
  };
}

/** Twilio's `*_formatted`: the national format for numbers, clients as they are. */
function formatted(address: string): string {
  if (!address.startsWith('+')) return address;
  return parsePhoneNumberFromString(address)?.formatNational() ?? address;
}
