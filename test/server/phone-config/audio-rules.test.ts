import { describe, expect, it } from 'vitest';
import { audioReferencesOf, checkAudioFiles } from '../../../server/phone-config/audio-rules.ts';

const audio = (audioId: string) => ({ type: 'audio', audioId });
const document = {
  settings: { defaultCountry: 'JP', outgoingHoldMusic: audio('out') },
  incoming: [
    {
      number: '+81312345678',
      label: '代表',
      messages: { welcome: audio('w'), menu: 'x', unavailable: audio('u'), busy: { type: 'text', text: '話し中です' }, closed: audio('c') },
      holdMusic: audio('h'),
    },
    { number: '03-9999-0000', messages: { busy: audio('b') }, holdMusic: { type: 'default' } },
  ],
};

describe('the audio files a document plays', () => {
  it('lists every message, hold music and the outgoing hold music, with its path and number', () => {
    expect(audioReferencesOf(document).map(({ path, audioId, number }) => [path.join('.'), audioId, number?.label ?? null])).toEqual([
      ['incoming.0.messages.welcome.audioId', 'w', '代表'],
      ['incoming.0.messages.unavailable.audioId', 'u', '代表'],
      ['incoming.0.messages.closed.audioId', 'c', '代表'],
      ['incoming.0.holdMusic.audioId', 'h', '代表'],
      ['incoming.1.messages.busy.audioId', 'b', ''],
      ['settings.outgoingHoldMusic.audioId', 'out', null],
    ]);
  });

  it('reports each file this server does not have at its path, in document order', () => {
    expect(checkAudioFiles(document, new Set(['w', 'u', 'h', 'out'])).map(({ path, code }) => [path, code])).toEqual([
      ['incoming[0].messages.closed.audioId', 'audio_not_found'],
      ['incoming[1].messages.busy.audioId', 'audio_not_found'],
    ]);
  });

  it('skips what is not of the shape (zod reports it)', () => {
    expect(audioReferencesOf({ incoming: [{ messages: { welcome: { type: 'audio' } } }, null], settings: 'x' })).toEqual([]);
  });
});
