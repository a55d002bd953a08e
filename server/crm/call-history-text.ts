import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * A call's history (answer, holds, transfers, consults, added parties, monitoring) as the lines a
 * person reads in the CRM's call record, in the org's language and time zone (docs/call-flow.md,
 * "After the call"). Pure: the names of the people are given.
 */

export interface HistoryEntry {
  at: Date;
  kind: string;
  actor: string | null;
  subject: string | null;
  details: Record<string, unknown>;
}

export interface HistoryTextOptions {
  locale: 'ja' | 'en';
  timeZone: string;
  /** User id → display name. */
  names: ReadonlyMap<string, string>;
  defaultCountry?: CountryCode;
}

/** CRM module names as Zoho's UI shows them in each language. */
export const CRM_MODULE_WORDS = {
  ja: { Contacts: '連絡先', Leads: '見込み客', Accounts: '取引先', Deals: '商談' },
  en: { Contacts: 'contact', Leads: 'lead', Accounts: 'account', Deals: 'deal' },
} as const;

type Words = {
  title: string;
  answered: (who: string) => string;
  connected: (who: string) => string;
  hold: (length: string | null) => string;
  recordingPaused: (who: string, length: string | null) => string;
  transfer: (from: string, to: string) => string;
  consult: (from: string, to: string) => string;
  consultComplete: (from: string, to: string) => string;
  consultCancel: (from: string, to: string) => string;
  failed: (to: string, outcome: string) => string;
  recall: (to: string) => string;
  answeredHandover: (who: string) => string;
  add: (from: string, to: string) => string;
  left: (who: string) => string;
  monitor: (who: string, mode: string) => string;
  takeOver: (who: string, from: string) => string;
  repNote: (who: string, note: string) => string;
  note: (note: string) => string;
  /** The call's match was a record of the Zoho org connected before (crm/org-switch.ts). */
  otherOrg: (module: string, id: string) => string;
  outcomes: Record<string, string>;
  modes: Record<string, string>;
  seconds: (total: number) => string;
};

const WORDS: Record<'ja' | 'en', Words> = {
  ja: {
    title: '通話の経過',
    answered: (who) => `${who} が応答`,
    connected: (who) => `${who} の発信に相手が応答`,
    hold: (length) => `保留${length ? ` (${length})` : ''}`,
    recordingPaused: (who, length) => `${who} が録音を一時停止${length ? ` (${length})` : ' (終了まで)'}`,
    transfer: (from, to) => `${from} が ${to} に転送`,
    consult: (from, to) => `${from} が ${to} に取り次ぎ (相談)`,
    consultComplete: (from, to) => `${from} から ${to} に引き継ぎ`,
    consultCancel: (from, to) => `${from} が ${to} への取り次ぎを取り消し`,
    failed: (to, outcome) => `${to} は応答せず (${outcome})`,
    recall: (to) => `${to} を再呼び出し`,
    answeredHandover: (who) => `${who} が応答`,
    add: (from, to) => `${from} が ${to} を通話に追加`,
    left: (who) => `${who} が退出`,
    monitor: (who, mode) => `${who} がモニタリング (${mode})`,
    takeOver: (who, from) => `${who} が ${from} から通話を引き継ぎ`,
    repNote: (who, note) => `${who} のメモ: ${note}`,
    note: (note) => `メモ: ${note}`,
    otherOrg: (module, id) => `紐付けなし: 照合した${module}（ID ${id}）は以前に接続していた Zoho の組織のレコードのため、紐付けずに記録`,
    outcomes: { busy: '拒否', 'no-answer': '応答なし', failed: 'つながらず', canceled: '取り消し' },
    modes: { listen: '聞く', whisper: 'ささやく', barge: '参加' },
    seconds: (total) => (total >= 60 ? `${Math.floor(total / 60)}分${total % 60}秒` : `${total}秒`),
  },
  en: {
    title: 'Call history',
    answered: (who) => `${who} answered`,
    connected: (who) => `${who}'s call was answered`,
    hold: (length) => `On hold${length ? ` (${length})` : ''}`,
    recordingPaused: (who, length) => `${who} paused the recording${length ? ` (${length})` : ' (to the end)'}`,
    transfer: (from, to) => `${from} transferred to ${to}`,
    consult: (from, to) => `${from} consulted ${to}`,
    consultComplete: (from, to) => `${from} handed over to ${to}`,
    consultCancel: (from, to) => `${from} cancelled the transfer to ${to}`,
    failed: (to, outcome) => `${to} did not take it (${outcome})`,
    recall: (to) => `Rang ${to} back`,
    answeredHandover: (who) => `${who} answered`,
    add: (from, to) => `${from} added ${to}`,
    left: (who) => `${who} left`,
    monitor: (who, mode) => `${who} monitored (${mode})`,
    takeOver: (who, from) => `${who} took over the call from ${from}`,
    repNote: (who, note) => `Note from ${who}: ${note}`,
    note: (note) => `Note: ${note}`,
    otherOrg: (module, id) => `Not linked: the matched ${module} (ID ${id}) is a record of the Zoho org connected before, so the call was logged without it`,
    outcomes: { busy: 'declined', 'no-answer': 'no answer', failed: 'unreachable', canceled: 'cancelled' },
    modes: { listen: 'listening', whisper: 'whispering', barge: 'barged in' },
    seconds: (total) => (total >= 60 ? `${Math.floor(total / 60)} min ${total % 60} s` : `${total} s`),
  },
};

/** Kinds that say nothing a person needs in the CRM (the room's own bookkeeping). */
const QUIET = new Set(['customer-left', 'room-ended', 'consult-answered', 'consult-ended', 'monitor-stop', 'resume', 'recording-resumed']);

export function historyLines(entries: readonly HistoryEntry[], options: HistoryTextOptions): string[] {
  const words = WORDS[options.locale];
  const modules: Record<string, string> = CRM_MODULE_WORDS[options.locale];
  const who = (id: string | null) => {
    if (!id) return '?';
    if (options.names.has(id)) return options.names.get(id)!;
    const parsed = parsePhoneNumberFromString(id);
    if (!parsed) return id;
    return parsed.country === (options.defaultCountry ?? 'JP') ? parsed.formatNational() : parsed.formatInternational();
  };
  const time = new Intl.DateTimeFormat(options.locale === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: options.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const lines: string[] = [];
  entries.forEach((entry, index) => {
    // A hold is shown where it began, with how long it lasted (from the resume that ended it).
    const resume = entry.kind === 'hold' ? entries.slice(index + 1).find((later) => later.kind === 'resume' || later.kind === 'hold') : undefined;
    const seconds = resume?.kind === 'resume' && typeof resume.details['seconds'] === 'number' ? resume.details['seconds'] : null;
    const text =
      entry.kind === 'hold'
        ? words.hold(seconds === null ? null : words.seconds(seconds))
        : entry.kind === 'recording-paused'
          ? words.recordingPaused(who(entry.actor), pausedFor(entries.slice(index + 1), words))
          : entry.kind === 'crm-other-org'
            ? words.otherOrg(modules[String(entry.details['module'])] ?? String(entry.details['module']), String(entry.details['id']))
            : describe(entry, words, who);
    if (text) lines.push(`${time.format(entry.at)} ${text}`);
  });
  return lines.length > 0 ? [`${words.title}:`, ...lines] : [];
}

/** A pause of the recording is shown where it began, with how long it lasted (from the resume that ended it). */
function pausedFor(later: readonly HistoryEntry[], words: Words): string | null {
  const resumed = later.find((entry) => entry.kind === 'recording-resumed' || entry.kind === 'recording-paused');
  const seconds = resumed?.kind === 'recording-resumed' ? resumed.details['seconds'] : undefined;
  return typeof seconds === 'number' ? words.seconds(seconds) : null;
}

function describe(entry: HistoryEntry, words: Words, who: (id: string | null) => string): string | null {
  if (QUIET.has(entry.kind)) return null;
  const note = typeof entry.details['note'] === 'string' && entry.details['note'] ? ` / ${words.note(entry.details['note'])}` : '';
  const outcome = words.outcomes[String(entry.details['outcome'] ?? '')] ?? String(entry.details['outcome'] ?? '');
  switch (entry.kind) {
    case 'answered':
      return words.answered(who(entry.actor));
    case 'connected':
      return words.connected(who(entry.actor));
    case 'transfer':
      return words.transfer(who(entry.actor), who(entry.subject)) + note;
    case 'consult':
      return words.consult(who(entry.actor), who(entry.subject)) + note;
    case 'consult-complete':
      return words.consultComplete(who(entry.actor), who(entry.subject));
    case 'consult-cancel':
      return words.consultCancel(who(entry.actor), who(entry.subject));
    case 'transfer-failed':
    case 'consult-failed':
    case 'recall-failed':
    case 'add-failed':
      return words.failed(who(entry.subject), outcome);
    case 'recall':
      return words.recall(who(entry.subject));
    case 'transfer-answered':
    case 'recall-answered':
    case 'add-answered':
      return words.answeredHandover(who(entry.subject));
    case 'add':
      return words.add(who(entry.actor), who(entry.subject));
    case 'left':
      return words.left(who(entry.subject));
    case 'monitor':
      return words.monitor(who(entry.actor), words.modes[String(entry.details['mode'])] ?? String(entry.details['mode']));
    case 'take-over':
      return words.takeOver(who(entry.actor), who(entry.subject));
    case 'note':
      // A rep's words on a call someone else finished (routes/calls.ts `POST /:sid/notes`).
      return typeof entry.details['note'] === 'string' ? words.repNote(who(entry.actor), entry.details['note']) : null;
    default:
      return null;
  }
}
