// Reads a TwiML document into the verbs the emulator executes. Attribute defaults follow Twilio's
// documentation (see shared/reference/twilio.md §3). Anything Twilio would refuse is a
// `TwimlError` with Twilio's error code, so a test sees the same failure Twilio's debugger would log.

import { assertEmpty, assertNoChildElements, assertNoText, boolean, integer, method, oneOf, optional, words } from './twiml-attributes.ts';
import { readConference } from './twiml-conference.ts';
import { TwimlError } from './twiml-error.ts';
import type { CallProgressEvent, ConferenceNoun, DialClient, DialNoun, DialVerb, GatherVerb, NounStatusCallback, PromptVerb, Verb } from './twiml-verbs.ts';
import { childElements, parseXml, textContent, XmlParseError } from './xml.ts';
import type { XmlElement } from './xml.ts';

export { TwimlError } from './twiml-error.ts';
export type * from './twiml-verbs.ts';

/** Verbs Twilio knows but this emulator does not run: a TwiML document using them fails loudly. */
const UNSUPPORTED_VERBS = new Set(['Connect', 'Enqueue', 'Leave', 'Pay', 'Prompt', 'Queue', 'Refer', 'Sms', 'Start', 'Stop', 'Echo', 'Siprec', 'Stream', 'Transcription', 'Conversation']);
const MAX_NOUNS_PER_DIAL = 10;

/** Parses the body of a TwiML response into verbs. Throws `TwimlError` (12100 parse, 12200 schema). */
export function parseTwiml(body: string): Verb[] {
  let root: XmlElement;
  try {
    root = parseXml(body);
  } catch (error) {
    if (error instanceof XmlParseError) throw new TwimlError(12100, `Document parse failure: ${error.message}`);
    throw error;
  }
  if (root.name !== 'Response') throw new TwimlError(12100, `The root element is <${root.name}>, not <Response>`);
  assertNoText(root);
  return childElements(root).map(readVerb);
}

function readVerb(element: XmlElement): Verb {
  switch (element.name) {
    case 'Say':
    case 'Play':
    case 'Pause':
      return readPrompt(element);
    case 'Gather':
      return readGather(element);
    case 'Dial':
      return readDial(element);
    case 'Record':
      assertEmpty(element);
      return {
        verb: 'Record',
        action: optional(element, 'action'),
        method: method(element, 'method'),
        timeout: integer(element, 'timeout', 5),
        finishOnKey: element.attributes.finishOnKey ?? '1234567890*#',
        maxLength: integer(element, 'maxLength', 3600),
        playBeep: boolean(element, 'playBeep', true),
        recordingStatusCallback: optional(element, 'recordingStatusCallback'),
        recordingStatusCallbackMethod: method(element, 'recordingStatusCallbackMethod'),
        recordingStatusCallbackEvents: words(element, 'recordingStatusCallbackEvent', ['completed']),
      };
    case 'Redirect': {
      assertNoChildElements(element);
      const url = textContent(element).trim();
      if (url === '') throw new TwimlError(12200, '<Redirect> needs a URL');
      return { verb: 'Redirect', url, method: method(element, 'method') };
    }
    case 'Hangup':
      assertEmpty(element);
      return { verb: 'Hangup' };
    case 'Reject': {
      assertEmpty(element);
      const reason = element.attributes.reason ?? 'rejected';
      if (reason !== 'rejected' && reason !== 'busy') throw new TwimlError(12200, `<Reject reason="${reason}"> is not rejected|busy`);
      return { verb: 'Reject', reason };
    }
    default:
      if (UNSUPPORTED_VERBS.has(element.name)) {
        throw new TwimlError(12200, `<${element.name}> is valid TwiML but the emulator does not implement it`);
      }
      throw new TwimlError(12200, `<${element.name}> is not a TwiML verb`);
  }
}

function readPrompt(element: XmlElement): PromptVerb {
  switch (element.name) {
    case 'Say': {
      const text = textContent(element).trim();
      return {
        verb: 'Say',
        text,
        voice: element.attributes.voice ?? 'man',
        language: element.attributes.language ?? 'en-US',
        loop: integer(element, 'loop', 1),
      };
    }
    case 'Play': {
      assertNoChildElements(element);
      const url = textContent(element).trim();
      const digits = optional(element, 'digits');
      if (url === '' && digits === null) throw new TwimlError(12200, '<Play> needs a URL or digits');
      return { verb: 'Play', url, loop: integer(element, 'loop', 1), digits };
    }
    case 'Pause':
      assertEmpty(element);
      return { verb: 'Pause', length: integer(element, 'length', 1) };
    default:
      throw new TwimlError(12200, `<${element.name}> cannot be nested in <Gather>`);
  }
}

function readGather(element: XmlElement): GatherVerb {
  assertNoText(element);
  const numDigits = element.attributes.numDigits === undefined ? null : integer(element, 'numDigits', 1);
  const finishOnKey = element.attributes.finishOnKey ?? '#';
  if (!/^[0-9#*]?$/.test(finishOnKey)) throw new TwimlError(13310, `Invalid finishOnKey "${finishOnKey}"`);
  return {
    verb: 'Gather',
    action: optional(element, 'action'),
    method: method(element, 'method'),
    numDigits,
    timeout: integer(element, 'timeout', 5),
    finishOnKey,
    input: element.attributes.input ?? 'dtmf',
    actionOnEmptyResult: boolean(element, 'actionOnEmptyResult', false),
    prompts: childElements(element).map(readPrompt),
  };
}

function readDial(element: XmlElement): DialVerb {
  const conference = readDialConference(element);
  const nouns = conference ? [] : readDialNouns(element);
  if (!conference && nouns.length === 0) throw new TwimlError(12200, '<Dial> has nothing to dial');
  if (nouns.length > MAX_NOUNS_PER_DIAL) {
    throw new TwimlError(12200, `<Dial> has ${nouns.length} nouns; Twilio rings at most ${MAX_NOUNS_PER_DIAL}`);
  }
  return {
    verb: 'Dial',
    action: optional(element, 'action'),
    method: method(element, 'method'),
    timeout: integer(element, 'timeout', 30),
    callerId: optional(element, 'callerId'),
    answerOnBridge: boolean(element, 'answerOnBridge', false),
    record: oneOf(element, 'record', ['do-not-record', 'record-from-answer', 'record-from-ringing', 'record-from-answer-dual', 'record-from-ringing-dual'], 'do-not-record'),
    recordingStatusCallback: optional(element, 'recordingStatusCallback'),
    recordingStatusCallbackMethod: method(element, 'recordingStatusCallbackMethod'),
    recordingStatusCallbackEvents: words(element, 'recordingStatusCallbackEvent', ['completed']),
    timeLimit: integer(element, 'timeLimit', 14400),
    hangupOnStar: boolean(element, 'hangupOnStar', false),
    ringTone: optional(element, 'ringTone'),
    nouns,
    conference,
  };
}

/** A `<Conference>` must be the Dial's only noun. */
function readDialConference(dial: XmlElement): ConferenceNoun | null {
  const elements = childElements(dial);
  const conference = elements.find((noun) => noun.name === 'Conference');
  if (!conference) return null;
  if (elements.length > 1) throw new TwimlError(12200, '<Conference> must be the only noun of its <Dial>');
  assertNoText(dial);
  return readConference(conference);
}

function readDialNouns(dial: XmlElement): DialNoun[] {
  const elements = childElements(dial);
  if (elements.length === 0) {
    // `<Dial>+81312345678</Dial>`: a bare number.
    const number = textContent(dial).trim();
    return number === '' ? [] : [{ kind: 'number', number, statusCallback: null }];
  }
  assertNoText(dial);
  return elements.map((noun): DialNoun => {
    if (noun.name === 'Number') {
      assertNoChildElements(noun);
      return { kind: 'number', number: textContent(noun).trim(), statusCallback: nounStatusCallback(noun) };
    }
    if (noun.name === 'Client') return readClient(noun);
    if (['Queue', 'Sip', 'Sim', 'Application', 'WhatsApp'].includes(noun.name)) {
      throw new TwimlError(12200, `<Dial><${noun.name}> is valid TwiML but the emulator does not implement it`);
    }
    throw new TwimlError(12200, `<${noun.name}> cannot be nested in <Dial>`);
  });
}

function readClient(client: XmlElement): DialClient {
  const elements = childElements(client);
  const parameters: Record<string, string> = {};
  let identity = '';
  if (elements.length === 0) {
    identity = textContent(client).trim();
  } else {
    assertNoText(client);
    for (const child of elements) {
      if (child.name === 'Identity') {
        assertNoChildElements(child);
        identity = textContent(child).trim();
      } else if (child.name === 'Parameter') {
        assertEmpty(child);
        const name = child.attributes.name;
        const value = child.attributes.value;
        if (name === undefined || value === undefined) throw new TwimlError(12200, '<Parameter> needs name and value');
        parameters[name] = value;
      } else {
        throw new TwimlError(12200, `<${child.name}> cannot be nested in <Client>`);
      }
    }
  }
  if (identity === '') throw new TwimlError(12200, '<Client> without an identity');
  return { kind: 'client', identity, parameters, statusCallback: nounStatusCallback(client) };
}

function nounStatusCallback(noun: XmlElement): NounStatusCallback | null {
  const url = optional(noun, 'statusCallback');
  if (url === null) return null;
  const events = words(noun, 'statusCallbackEvent', ['completed']);
  for (const event of events) {
    if (!['initiated', 'ringing', 'answered', 'completed'].includes(event)) {
      throw new TwimlError(12200, `statusCallbackEvent "${event}" is not initiated|ringing|answered|completed`);
    }
  }
  return { url, method: method(noun, 'statusCallbackMethod'), events: events as CallProgressEvent[] };
}

