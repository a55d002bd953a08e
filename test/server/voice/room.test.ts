import { describe, expect, it } from 'vitest';
import { holdMusicTwiml, parseCallQuery, roomJoinTwiml } from '../../../server/voice/room.ts';

const CALL = `CA${'ab'.repeat(16)}`;
const pretty = (xml: string) => xml.replace(/></g, '>\n<');

describe('the TwiML of a leg joining the call’s room', () => {
  it('the customer ends the room on leaving; the room records from the moment two are in it', () => {
    expect(pretty(roomJoinTwiml({ publicUrl: 'https://phone.example.jp', callSid: CALL, room: CALL, label: 'customer', record: true }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Dial action="https://phone.example.jp/twilio/room/left?call=CAabababababababababababababababab&amp;p=customer" method="POST">
      <Conference participantLabel="customer" beep="false" startConferenceOnEnter="true" endConferenceOnExit="true" waitUrl="" statusCallback="https://phone.example.jp/twilio/conference?call=CAabababababababababababababababab" statusCallbackMethod="POST" statusCallbackEvent="start end join leave mute hold modify" record="record-from-start" recordingStatusCallback="https://phone.example.jp/twilio/recording?call=CAabababababababababababababababab" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed absent">CAabababababababababababababababab</Conference>
      </Dial>
      </Response>"
    `);
  });

  it('a rep may leave without ending it, and carries the same room callbacks (the first to join fixes them)', () => {
    expect(pretty(roomJoinTwiml({ publicUrl: 'https://phone.example.jp', callSid: CALL, room: CALL, label: 'rep:sato', record: false }))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <Response>
      <Dial action="https://phone.example.jp/twilio/room/left?call=CAabababababababababababababababab&amp;p=rep%3Asato" method="POST">
      <Conference participantLabel="rep:sato" beep="false" startConferenceOnEnter="true" endConferenceOnExit="false" waitUrl="" statusCallback="https://phone.example.jp/twilio/conference?call=CAabababababababababababababababab" statusCallbackMethod="POST" statusCallbackEvent="start end join leave mute hold modify">CAabababababababababababababababab</Conference>
      </Dial>
      </Response>"
    `);
  });
});

describe('hold music', () => {
  it.each([
    // Twilio's playlist is TwiML (a twimlet), not audio: reached by Redirect, which loops it by itself.
    [{ type: 'default' } as const, '<Redirect method="GET">https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical</Redirect>'],
    [{ type: 'audio', audioId: 'a1b2' } as const, '<Play loop="0">https://phone.example.jp/media/a1b2</Play>'],
    [{ type: 'silence' } as const, '<Pause length="60"/><Redirect method="POST"/>'],
  ])('%j plays until the caller is taken off hold', (music, expected) => {
    expect(holdMusicTwiml(music, 'https://phone.example.jp/media')).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response>${expected}</Response>`);
  });
});

describe('the call named in a room webhook', () => {
  it('accepts a CallSid and a participant label, nothing else', () => {
    expect(parseCallQuery({ call: CALL, p: 'rep:sato' })).toEqual({ callSid: CALL, label: 'rep:sato', partyId: null });
    expect(parseCallQuery({ call: CALL, party: '12' })).toEqual({ callSid: CALL, label: null, partyId: '12' });
    expect(parseCallQuery({ call: 'CA1', p: 'customer' })).toBeNull();
    expect(parseCallQuery({ call: CALL, p: 'rep:<script>' })).toEqual({ callSid: CALL, label: null, partyId: null });
  });
});
