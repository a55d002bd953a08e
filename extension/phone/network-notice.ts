// No imports and no zod: the page UI bundle (crm-ui) words these notices and must stay light.

/** The call's network as the background publishes it (call-network.ts `callNetworkSchema`). */
export interface CallNetworkFacts {
  reconnecting: boolean;
  warnings: readonly { name: NetworkWarningName; since: number }[];
  dropped: boolean;
}

/**
 * The SDK's quality warnings (lib/twilio/call.ts), by what the rep is told. ice-connectivity-lost comes
 * just before a `reconnecting`; constant-audio-output-level is not emitted by SDK 2.x (logged only).
 */
const WARNING_FAMILIES = {
  'high-rtt': 'delay',
  'high-jitter': 'delay',
  'high-packet-loss': 'packet-loss',
  'high-packets-lost-fraction': 'packet-loss',
  'low-mos': 'packet-loss',
  'low-bytes-received': 'no-audio-received',
  'constant-audio-output-level': 'no-audio-received',
  'ice-connectivity-lost': 'no-audio-received',
  'low-bytes-sent': 'mic-silent',
  'constant-audio-input-level': 'mic-silent',
} as const;
export type NetworkWarningName = keyof typeof WARNING_FAMILIES;
export type QualityFamily = (typeof WARNING_FAMILIES)[NetworkWarningName];
export const WARNING_NAMES = Object.keys(WARNING_FAMILIES) as [NetworkWarningName, ...NetworkWarningName[]];

/** Worst first: what the one quiet line names when several are active. */
const FAMILY_ORDER: readonly QualityFamily[] = ['no-audio-received', 'mic-silent', 'packet-loss', 'delay'];

/**
 * How long a warning must last before it is shown: the SDK raises and clears some within a second
 * (a single late sample), and a line that flickers is noise to a rep in conversation.
 */
export const WARNING_HOLD_MS = 2_000;

/** What the call's card says about the network at `now`. */
export interface NetworkNotice {
  reconnecting: boolean;
  /** The one quality problem to name, once it has lasted WARNING_HOLD_MS (none while reconnecting: that says more). */
  quality: QualityFamily | null;
  /** The call is over, and the network ended it. */
  dropped: boolean;
}

/**
 * `ended`: the call is in its wrap-up, where only a call the network dropped is worth a word.
 * `muted`: the rep muted the call themselves, so a silent microphone is no news. The SDK raises no
 * such warning while muted (call.ts `_reemitWarning`), but one raised before the rep muted stays until cleared.
 */
export function networkNotice(state: CallNetworkFacts | null | undefined, now: number, { muted = false, ended = false } = {}): NetworkNotice | null {
  if (!state) return null;
  if (ended) return state.dropped ? { reconnecting: false, quality: null, dropped: true } : null;
  const shown = state.warnings.filter((warning) => now - warning.since >= WARNING_HOLD_MS && !(muted && WARNING_FAMILIES[warning.name] === 'mic-silent'));
  const held = new Set(shown.map((warning) => WARNING_FAMILIES[warning.name]));
  const quality = state.reconnecting ? null : (FAMILY_ORDER.find((family) => held.has(family)) ?? null);
  if (!state.reconnecting && !quality) return null;
  return { reconnecting: state.reconnecting, quality, dropped: false };
}
