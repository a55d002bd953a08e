// The shapes of the live world: a leg's view of its rooms, REST exchanges, and what a leg hears.

/** What happened to a leg in a conference room, from its own point of view. */
export type ConferenceEvent =
  | { readonly kind: 'join'; readonly room: string; readonly conferenceSid: string; readonly label: string | null; readonly waiting: boolean; readonly flags: readonly string[] }
  | { readonly kind: 'started'; readonly room: string }
  | { readonly kind: 'update'; readonly room: string; readonly changes: readonly string[] }
  | { readonly kind: 'leave'; readonly room: string; readonly reason: string; readonly roomEnded: string | null }
  | { readonly kind: 'refused'; readonly room: string; readonly code: number; readonly message: string };

/** One request our server made to the emulated REST API. */
export interface RestExchange {
  readonly at: string;
  readonly method: string;
  /** Relative to the account: `/Conferences/CF…/Participants/customer.json`. */
  readonly path: string;
  readonly form: Readonly<Record<string, string | readonly string[]>>;
  readonly status: number;
  readonly body: unknown;
}

/** What the person on a leg hears right now (`twilio.leg(sid).hearing()`). */
export type Hearing =
  | { readonly kind: 'ringing' }
  | { readonly kind: 'ringback' }
  | { readonly kind: 'say'; readonly text: string }
  | { readonly kind: 'play'; readonly url: string }
  | { readonly kind: 'silence' }
  /** Bridged by `<Dial><Client|Number>` to the named party. */
  | { readonly kind: 'call'; readonly hears: readonly string[] }
  /** In a started room: the participants this leg hears (labels, else `client:name` / number). */
  | { readonly kind: 'room'; readonly hears: readonly string[]; readonly announcement?: string | null }
  /** In a room not started yet; `audio` is the Play URL or Say text playing, `null` for silence. */
  | { readonly kind: 'wait'; readonly audio: string | null }
  | { readonly kind: 'hold'; readonly audio: string | null }
  | { readonly kind: 'nothing' };

export interface ConferenceVisit {
  readonly room: string;
  readonly conferenceSid: string;
  readonly label: string | null;
  readonly reason: string | null;
}
