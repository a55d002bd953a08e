import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { defaultMessages, type DefaultMessages } from '../phone-config/default-messages.ts';
import { effectiveVoice } from '../phone-config/defaults.ts';
import type { IncomingNumber, Language, Prompt } from '../phone-config/schema.ts';


/** How a number (or a refused outgoing call) speaks: the `<Say>` language and voice. */
export interface Speaker {
  language: Language;
  voice: string;
  /** Base for `<Play>` of uploaded audio: `PUBLIC_URL/media/<id>`. */
  mediaBaseUrl: string;
}

export function speakerFor(incoming: Pick<IncomingNumber, 'voice'>, publicUrl: string): Speaker {
  return { ...effectiveVoice(incoming), mediaBaseUrl: `${publicUrl}/media` };
}

export function speakerForLanguage(language: Language, publicUrl: string): Speaker {
  return speakerFor({ voice: { language } }, publicUrl);
}

export function messagesFor(speaker: Pick<Speaker, 'language'>): DefaultMessages {
  return defaultMessages(speaker.language);
}

/** Anything that can speak: the response itself or a `<Gather>` inside it. */
type Speakable = Pick<VoiceResponse, 'say' | 'play'> | Pick<VoiceResponse.Gather, 'say' | 'play'>;

export function say(target: Speakable, text: string, speaker: Speaker): void {
  // Twilio adds voices over time; the library's union lags behind, so the configured name is passed as is.
  target.say({ voice: speaker.voice as VoiceResponse.SayAttributes['voice'], language: speaker.language }, text);
}

/** A configured prompt: text is spoken, an uploaded file or an https URL is played. */
export function prompt(target: Speakable, message: Prompt, speaker: Speaker): void {
  switch (message.type) {
    case 'text':
      say(target, message.text, speaker);
      return;
    case 'audio':
      target.play({}, `${speaker.mediaBaseUrl}/${encodeURIComponent(message.audioId)}`);
      return;
    case 'url':
      target.play({}, message.url);
      return;
  }
}

/** The admin's prompt when there is one, else the default sentence in the number's language. */
export function promptOrDefault(
  target: Speakable,
  message: Prompt | undefined,
  fallback: keyof DefaultMessages,
  speaker: Speaker,
): void {
  if (message) prompt(target, message, speaker);
  else say(target, messagesFor(speaker)[fallback], speaker);
}
