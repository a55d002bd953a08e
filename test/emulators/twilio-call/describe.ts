// A call transcript as a short story, one line per step: made for `toMatchInlineSnapshot`.

import type { CallEvent, CallTranscript, ConferenceEvent, PendingCallback, RestExchange } from './types.ts';

/** Parameters worth showing on a request line: the ones that say what the caller or the Dial did. */
const TELLING_PARAMS = ['Digits', 'FinishedOnKey', 'DialCallStatus', 'DialCallDuration', 'RecordingDuration', 'CallStatus'];

export function describeCall(call: CallTranscript): string {
  const lines = call.events.flatMap((event) => {
    const line = describeEvent(event);
    return line === null ? [] : [line];
  });
  lines.push(`= ${call.outcome}${call.error ? ` (${call.error.code}: ${call.error.message})` : ''}`);
  return lines.join('\n');
}

function describeEvent(event: CallEvent): string | null {
  switch (event.type) {
    case 'request': {
      const { exchange } = event;
      const telling = TELLING_PARAMS.filter((key) => exchange.params[key] !== undefined && (key !== 'CallStatus' || exchange.params[key] === 'completed'))
        .map((key) => `${key}=${JSON.stringify(exchange.params[key])}`);
      return `${exchange.method} ${exchange.path}${telling.length > 0 ? ` ${telling.join(' ')}` : ''} → ${exchange.status ?? 'no response'}`;
    }
    case 'heard': {
      const { heard } = event;
      if (heard.kind === 'say') return `  say [${heard.voice} ${heard.language}${heard.loop === 1 ? '' : ` ×${heard.loop}`}] ${heard.text}`;
      if (heard.kind === 'play') return `  play ${heard.url}${heard.loop === 1 ? '' : ` ×${heard.loop}`}`;
      if (heard.kind === 'beep') return '  beep';
      return '  (Twilio) "An application error has occurred."';
    }
    case 'pause':
      return `  pause ${event.seconds} s`;
    case 'gather': {
      const { gather } = event;
      const input = gather.digits === null ? 'no input' : `pressed ${JSON.stringify(gather.digits + gather.finishedOnKey)}`;
      return `  gather${gather.numDigits === null ? '' : ` numDigits=${gather.numDigits}`} timeout=${gather.timeout} → ${input}`;
    }
    case 'dial': {
      const { dial } = event;
      const who = dial.clients.map((client) => {
        const parameters = Object.entries(client.parameters).map(([name, value]) => `${name}=${value}`).join(', ');
        return parameters === '' ? client.identity : `${client.identity} {${parameters}}`;
      });
      const options = [`timeout=${dial.timeout}`, dial.callerId ? `callerId=${dial.callerId}` : '', dial.record !== 'do-not-record' ? `record=${dial.record}` : '']
        .filter((option) => option !== '');
      const result = dial.answeredBy ? `answered by ${dial.answeredBy}, talked ${dial.talkSeconds} s` : dial.dialCallStatus;
      return `  dial ${[...who, ...dial.numbers].join(', ')} (${options.join(' ')}) → ${result}`;
    }
    case 'record':
      return event.recording
        ? `  record → ${event.recording.duration} s${event.digits === '' ? '' : `, ended by ${event.digits}`}`
        : `  record → ${event.digits === 'hangup' ? 'caller hung up' : 'silence'}`;
    case 'hangup':
      return '  hangup';
    case 'reject':
      return `  reject (${event.reason})`;
    case 'caller-hung-up':
      return '  caller hangs up';
    case 'error':
      return `  error ${event.code} at ${event.path}: ${event.message}`;
    case 'conference':
      return `  ${describeConferenceEvent(event.conference)}`;
    case 'rest':
      return `  ${describeRest(event.exchange)}`;
    case 'redirected':
      return `  redirected by REST to ${event.to}`;
    case 'ringing':
      return `  rings ${event.at}`;
    case 'answered':
      return `  answered by ${event.by}`;
    case 'ended':
      return `  ${event.status} (${event.by})`;
  }
}

function describeConferenceEvent(event: ConferenceEvent): string {
  switch (event.kind) {
    case 'join':
      return `conference "${event.room}"${event.label === null ? '' : ` as ${event.label}`}${event.flags.length > 0 ? ` (${event.flags.join(', ')})` : ''} → ${event.waiting ? 'waiting' : 'talking'}`;
    case 'started':
      return `room "${event.room}" starts`;
    case 'update':
      return `in "${event.room}": ${event.changes.join(', ')}`;
    case 'leave':
      return `left "${event.room}" (${event.roomEnded ? `room ended: ${event.roomEnded}` : event.reason})`;
    case 'refused':
      return `conference "${event.room}" refused: ${event.code} ${event.message}`;
  }
}

/** `REST POST /Conferences/CF…/Participants/customer.json Hold=true HoldUrl=… → 200`. */
export function describeRest(exchange: RestExchange): string {
  const form = Object.entries(exchange.form).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  return `REST ${exchange.method} ${exchange.path}${form.length > 0 ? ` ${form.join(' ')}` : ''} → ${exchange.status}`;
}

/**
 * Callbacks as lines, for snapshots of what the server was told (`describeCallbacks(call.callbacks)`):
 * `conference #5 participant-leave rep:a (participant_updated_via_api)`, `status CA1b2c… ringing #1`,
 * `recording RE9f8e… completed 45 s`.
 */
export function describeCallbacks(callbacks: readonly PendingCallback[]): string {
  return callbacks.map((callback) => {
    const p = callback.params;
    const path = new URL(callback.url).pathname;
    switch (callback.kind) {
      case 'conference-status': {
        const who = p.ParticipantLabel ?? (p.CallSid ? p.CallSid.slice(0, 8) : '');
        const why = p.ReasonParticipantLeft ?? p.ReasonConferenceEnded;
        return `${path} conference #${p.SequenceNumber} ${p.StatusCallbackEvent}${who ? ` ${who}` : ''}${why ? ` (${why})` : ''}`;
      }
      case 'call-status':
        return `${path} status ${p.CallSid?.slice(0, 8)} ${p.CallStatus} #${p.SequenceNumber}${p.CallDuration === undefined ? '' : ` ${p.CallDuration} s`}`;
      case 'recording-status':
        return `${path} recording ${(p.RecordingSid ?? '').slice(0, 8)} ${p.RecordingStatus}${p.RecordingDuration && p.RecordingDuration !== '-1' ? ` ${p.RecordingDuration} s` : ''}`;
    }
  }).join('\n');
}
