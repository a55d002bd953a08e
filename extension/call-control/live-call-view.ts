// No zod and no runtime imports: the page UI bundle (crm-ui) renders this view and must stay light.
// The background builds it from the server's LiveCall (live-call.ts) for the user it is about.

export const MONITOR_MODES_VIEW = ['listen', 'whisper', 'barge'] as const;
export type MonitorModeView = (typeof MONITOR_MODES_VIEW)[number];
export type PartyStateView = 'ringing' | 'talking' | 'held';

/** One person on the call, as the call card lists them. */
export interface PartyView {
  /** Stable within the call (for lists); not a user id. */
  key: string;
  kind: 'customer' | 'rep' | 'guest' | 'supervisor';
  /** A colleague's or supervisor's name; null for the customer and outside numbers. */
  name: string | null;
  /** The customer's or an outside party's number (null: withheld, or a colleague). */
  number: string | null;
  state: PartyStateView;
  /** A supervisor's mode: listening, whispering to the rep, or on the call. */
  monitor: MonitorModeView | null;
  /** This is the user the view is for. */
  you: boolean;
  /** How they came: answer, transfer, consult, add, recall, monitor. */
  purpose: string;
}

export interface HandoverView {
  purpose: 'consult' | 'transfer' | 'recall';
  state: 'ringing' | 'talking';
  name: string | null;
  number: string | null;
  /** Started by the user the view is for (they may complete or cancel it). */
  yours: boolean;
}

/** The call's recording as the card shows it: recording, or paused (since when, by whom). */
export type RecordingView = { paused: false } | { paused: true; since: number; byName: string | null; byYou: boolean };

/** A call in its conference room, as the call card (and the supervisor's list) shows it. */
export interface LiveCallView {
  callSid: string;
  direction: 'inbound' | 'outbound';
  state: 'joining' | 'live' | 'ended' | 'not-in-room';
  customerNumber: string | null;
  calledNumber: string | null;
  calledLabel: string | null;
  ivrPath: string[];
  record: { module: string; id: string; name: string | null; url: string | null } | null;
  /** Epoch ms. */
  answeredAt: number | null;
  /** The customer is on hold since (epoch ms). */
  hold: { since: number } | null;
  /** null: the call is not recorded. */
  recording: RecordingView | null;
  handover: HandoverView | null;
  parties: PartyView[];
  /** The rep who owns the call now. */
  owner: { name: string | null; you: boolean } | null;
  /** The user's own monitoring of this call (a supervisor), if any. */
  monitoring: MonitorModeView | null;
}

/** The server's LiveCall, structurally (live-call.ts has its zod schema). */
export interface LiveCallInput {
  callSid: string;
  direction: LiveCallView['direction'];
  state: LiveCallView['state'];
  customerNumber: string | null;
  calledNumber: string | null;
  calledLabel: string | null;
  ivrPath: string[];
  crmRecord: { module: string; id: string; name?: string | null | undefined; url?: string | null | undefined } | null;
  ownerId: string | null;
  ownerName?: string | null | undefined;
  answeredAt: string | null;
  hold: { since: string } | null;
  recording?: { state: 'on' } | { state: 'paused'; since: string; by: string | null } | null | undefined;
  handover: { purpose: string; state: 'ringing' | 'talking'; userId: string | null; number: string | null; invitedBy: string | null } | null;
  parties: ReadonlyArray<{
    label: string;
    kind: PartyView['kind'];
    purpose: string;
    userId: string | null;
    name: string | null;
    number: string | null;
    state: PartyStateView;
    monitor: MonitorModeView | null;
  }>;
}

const epoch = (iso: string | null | undefined): number | null => {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
};

const HANDOVERS = new Set(['consult', 'transfer', 'recall']);

/** The server's LiveCall as `me` (a user id; null: nobody in particular) sees it. */
export function toLiveCallView(call: LiveCallInput, me: string | null): LiveCallView {
  const nameOf = (userId: string | null) => call.parties.find((party) => party.userId === userId && party.name)?.name ?? null;
  const own = call.parties.find((party) => me !== null && party.userId === me && party.kind === 'supervisor');
  const handover = call.handover;
  const handoverParty = handover ? call.parties.find((party) => party.userId !== null && party.userId === handover.userId) : undefined;
  return {
    callSid: call.callSid,
    direction: call.direction,
    state: call.state,
    customerNumber: call.customerNumber,
    calledNumber: call.calledNumber,
    calledLabel: call.calledLabel,
    ivrPath: [...call.ivrPath],
    record: call.crmRecord
      ? { module: call.crmRecord.module, id: call.crmRecord.id, name: call.crmRecord.name ?? null, url: call.crmRecord.url ?? null }
      : null,
    answeredAt: epoch(call.answeredAt),
    hold: call.hold ? { since: epoch(call.hold.since) ?? 0 } : null,
    recording: recordingView(call.recording ?? null, me, nameOf),
    handover:
      handover && HANDOVERS.has(handover.purpose)
        ? {
            purpose: handover.purpose as HandoverView['purpose'],
            state: handover.state,
            name: handoverParty?.name ?? null,
            number: handover.number,
            yours: me !== null && handover.invitedBy === me,
          }
        : null,
    parties: call.parties.map((party, index) => ({
      key: `${party.kind}-${index}`,
      kind: party.kind,
      name: party.kind === 'customer' ? null : party.name,
      number: party.number,
      state: party.state,
      monitor: party.kind === 'supervisor' ? party.monitor : null,
      you: me !== null && party.userId === me,
      purpose: party.purpose,
    })),
    // Once the room is over nobody is listed in it: the server names the owner all the same.
    owner: call.ownerId ? { name: nameOf(call.ownerId) ?? call.ownerName ?? null, you: call.ownerId === me } : null,
    monitoring: own?.monitor ?? null,
  };
}

function recordingView(recording: NonNullable<LiveCallInput['recording']> | null, me: string | null, nameOf: (userId: string | null) => string | null): RecordingView | null {
  if (!recording) return null;
  if (recording.state === 'on') return { paused: false };
  // Whoever paused may have left the call since: then the card says only that it is paused.
  return { paused: true, since: epoch(recording.since) ?? 0, byName: nameOf(recording.by), byYou: me !== null && recording.by === me };
}

const isYou = (party: PartyView) => party.you;
/** Who keeps a conversation going: reps, outside parties and a barging supervisor. */
const talks = (party: PartyView) => party.kind === 'rep' || party.kind === 'guest' || (party.kind === 'supervisor' && party.monitor === 'barge');

/** The user's own party as a rep in the room (talking or held), if any. */
export function yourParty(view: LiveCallView): PartyView | null {
  return view.parties.find((party) => isYou(party) && party.kind === 'rep' && party.state !== 'ringing') ?? null;
}

/**
 * The user came to monitor and has the call now: they barged in and the rep left them with the
 * customer (server/voice/monitoring.ts), so they are its rep, with its controls and its wrap-up.
 */
export function tookOver(view: LiveCallView | null): boolean {
  return view !== null && view.owner?.you === true && yourParty(view)?.purpose === 'monitor';
}

/** Hold, transfer and add are for a rep on a call that is live in its room. */
export function canControl(view: LiveCallView | null): view is LiveCallView {
  return view !== null && view.state === 'live' && yourParty(view) !== null && view.parties.some((party) => party.kind === 'customer');
}

/**
 * Pause and resume of the recording are for anyone of ours in the room (a rep, or a supervisor
 * monitoring), and for the rep of a call that never moved into its room (a plain bridge, its own
 * recording paused instead): server/voice/recording-pause.ts has the same rule.
 */
export function canPauseRecording(view: LiveCallView | null): view is LiveCallView {
  return (
    view !== null &&
    (view.state === 'live' || view.state === 'not-in-room') &&
    view.recording !== null &&
    view.parties.some((party) => party.kind === 'customer') &&
    view.parties.some((party) => isYou(party) && (party.kind === 'rep' || party.kind === 'supervisor') && party.state !== 'ringing')
  );
}

/** Someone besides the user and the customer keeps talking with the customer: leaving does not end the call. */
export function othersStay(view: LiveCallView): boolean {
  return view.parties.some((party) => !isYou(party) && party.kind !== 'customer' && party.state !== 'ringing' && talks(party));
}

/** The user's own consult (warm transfer) on its way, for Complete / Cancel. */
export function yourConsult(view: LiveCallView | null): HandoverView | null {
  return view?.handover?.purpose === 'consult' && view.handover.yours ? view.handover : null;
}

/** Whether the customer is still on the call. */
export function customerPresent(view: LiveCallView): boolean {
  return view.parties.some((party) => party.kind === 'customer');
}
