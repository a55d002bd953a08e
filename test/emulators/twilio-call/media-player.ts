// Wait, hold and announcement audio (reference twilio-conference.md §1.1, §2.2): Twilio's own
// hold-music URLs and audio elsewhere are known sounds and never fetched, whether given as the URL or
// reached by a `<Redirect>`; our server's URLs are fetched (signed, like any webhook) and may answer
// with audio or with TwiML limited to Play, Say, Pause and Redirect (anything else is error 13238).
// A `<Play>` of TwiML (a twimlet) is error 12300 and plays nothing (play-audio.ts). `''` is silence.
// A document that runs out of verbs leaves silence; an empty `<Redirect/>` loops it.

import type { Params } from './call-parameters.ts';
import { playRefusal } from './play-audio.ts';
import { Mailbox, TIMEOUT } from './scheduler.ts';
import { readTwiml } from './transport.ts';
import { TwimlError } from './twiml.ts';
import type { HttpMethod, Verb } from './twiml.ts';
import { promptSeconds, resolveUrl } from './twiml-runner.ts';
import type { CallEvent, RequestOptions } from './types.ts';
import type { World } from './world.ts';

/** On whose behalf the audio is requested: a leg (wait, hold, its announcement) or a room (its announcement). */
export interface MediaRequester {
  params(): Params;
  readonly requestOptions: RequestOptions;
  record(event: CallEvent): void;
}

/** Twilio's default wait music (twilio-conference.md §1.1 "Hold-music buckets"). */
export const TWILIO_HOLD_MUSIC = 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical';
/** [unverified] twilio-conference.md §2.2: what a participant held without `HoldUrl` hears. */
export const DEFAULT_HOLD_AUDIO = TWILIO_HOLD_MUSIC;
const MEDIA_VERBS = new Set(['Play', 'Say', 'Pause', 'Redirect']);
const MAX_MEDIA_DOCUMENTS = 100;

export class MediaPlayer {
  readonly url: string;
  readonly method: HttpMethod;
  /** The Play URL or Say text playing now; `null` for silence. */
  sound: string | null = null;
  private readonly world: World;
  private readonly requester: MediaRequester;
  private readonly mailbox: Mailbox<'stop'>;
  private readonly onFinished: ((failed: boolean) => void) | null;
  private stopped = false;

  /** `onFinished` makes it play once (an announcement); without it, it plays until stopped. */
  constructor(world: World, requester: MediaRequester, url: string, method: HttpMethod, onFinished: ((failed: boolean) => void) | null = null) {
    this.world = world;
    this.requester = requester;
    this.url = url;
    this.method = method;
    this.onFinished = onFinished;
    this.mailbox = new Mailbox(world.scheduler);
    if (url !== '' && !this.isOurs(url)) this.sound = url;
  }

  /** Starts playing at the next quiet moment of the world. */
  start(): void {
    if (this.url === '' || !this.isOurs(this.url)) {
      if (this.onFinished) this.world.soon(() => this.finish(false));
      return;
    }
    this.world.soon(() => this.world.scheduler.spawn(() => this.play()));
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.mailbox.post('stop');
  }

  private isOurs(url: string): boolean {
    return new URL(url).origin === new URL(this.world.publicUrl).origin;
  }

  private finish(failed: boolean): void {
    this.sound = null;
    if (!this.stopped) this.onFinished?.(failed);
  }

  private async play(): Promise<void> {
    let url: string | null = this.url;
    let method = this.method;
    for (let documents = 0; url !== null && documents < MAX_MEDIA_DOCUMENTS && !this.stopped; documents++) {
      const verbs = this.isOurs(url) ? await this.fetch(url, method) : 'audio';
      if (this.stopped) return;
      if (verbs === 'audio') {
        this.sound = url;
        // Wait and hold audio loops; an announcement plays once.
        if (!this.onFinished) return;
        if (await this.wait(promptSeconds({ verb: 'Play', url, loop: 1, digits: null }))) this.finish(false);
        return;
      }
      if (verbs === null) return this.finish(true);
      const documentUrl: string = url;
      const startedAt = this.world.scheduler.nowMillis;
      url = null;
      for (const verb of verbs) {
        if (verb.verb === 'Redirect') {
          url = resolveUrl(verb.url, documentUrl);
          method = verb.method;
          break;
        }
        if (verb.verb !== 'Say' && verb.verb !== 'Play' && verb.verb !== 'Pause') continue;
        const refused = verb.verb === 'Play' ? playRefusal(verb.url) : null;
        if (refused) {
          this.sound = null;
          this.requester.record({ type: 'error', ...refused });
          continue;
        }
        this.sound = verb.verb === 'Say' ? verb.text : verb.verb === 'Play' ? verb.url : null;
        // loop="0" plays until the player is stopped.
        const forever = verb.verb !== 'Pause' && verb.loop === 0;
        if (!(await this.wait(forever ? null : promptSeconds(verb)))) return;
      }
      // A document that loops back to us without letting time pass would spin forever: Twilio plays
      // silence. A redirect elsewhere (Twilio's playlist) plays at once.
      if (url !== null && this.isOurs(url) && this.world.scheduler.nowMillis === startedAt) break;
    }
    this.finish(false);
  }

  /** False once stopped. */
  private async wait(seconds: number | null): Promise<boolean> {
    const notice = await this.mailbox.next(seconds);
    return notice === TIMEOUT;
  }

  private async fetch(url: string, method: HttpMethod): Promise<Verb[] | 'audio' | null> {
    const leg = this.requester;
    const sent = await this.world.courier.send({ url, method, params: leg.params() }, leg.requestOptions);
    leg.record({ type: 'request', exchange: sent.exchange });
    const fail = (code: number, message: string) => {
      leg.record({ type: 'error', code, message, path: sent.exchange.path });
      return null;
    };
    if (sent.failure || !sent.response) return fail(sent.failure?.code ?? 11205, sent.failure?.message ?? 'No response');
    if ((sent.response.headers.get('Content-Type') ?? '').startsWith('audio/')) return 'audio';
    try {
      const verbs = await readTwiml(sent.response);
      const refused = verbs.find((verb) => !MEDIA_VERBS.has(verb.verb));
      if (refused) return fail(13238, `<${refused.verb}> is not allowed in wait, hold or announce TwiML (only Play, Say, Pause, Redirect)`);
      return verbs;
    } catch (failure) {
      if (failure instanceof TwimlError) return fail(failure.code, failure.message);
      throw failure;
    }
  }
}
