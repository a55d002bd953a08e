import type { AppDeps } from '../http/deps.ts';
import type { IncomingNumber, MenuItem, Route } from '../phone-config/schema.ts';
import { listIncomingNumbers as listConfiguredNumbers, loadSettings, loadStoredTwilio, loadTwilioCredentials, saveStoredTwilio } from '../store/phone-config-store.ts';
import { ringOrder } from '../store/presence.ts';
import { ensureVoiceApp, listIncomingNumbers } from '../twilio/provisioning.ts';
import { setupCheck, type SetupFinding } from '../twilio/setup-check.ts';
import { BilingualError, PUBLIC_URL_MISSING, talkToTwilio, TWILIO_NOT_CONFIGURED } from './bilingual-error.ts';
import { hoursFindings } from './hours-check.ts';
import { connectNumber } from './number-provisioning-service.ts';
import { requireTwilio } from './twilio-account-service.ts';

/**
 * The options page's setup check: does Twilio still send calls here, do the TwiML App and API key
 * still exist, is PUBLIC_URL HTTPS, and who can be rung on each number right now. Each problem that
 * has a one-click repair carries its `fix`; `fixSetupProblem(id)` performs it.
 */

type Rep = { id: string; name: string };

export interface NumberReps {
  number: string;
  label: string;
  ringable: Rep[];
  busy: Rep[];
  offline: Rep[];
}

export interface SetupReport {
  /** No error-severity finding failed. */
  ok: boolean;
  findings: SetupFinding[];
  reps: NumberReps[];
}

function usersOf(route: Route): string[] {
  if (route.type === 'ring') return route.users;
  const walk = (items: MenuItem[]): string[] =>
    items.flatMap((item) => (item.action.type === 'ring' ? item.action.users : walk(item.action.menu)));
  return [...new Set(walk(route.menu))];
}

async function repsByNumber(deps: AppDeps, numbers: IncomingNumber[]): Promise<NumberReps[]> {
  const users = await deps.store.db.selectFrom('users').select(['id', 'name']).execute();
  const named = (ids: string[]) => ids.map((id) => ({ id, name: users.find((u) => u.id === id)?.name ?? id }));
  const now = deps.now();
  return Promise.all(
    numbers.map(async (incoming) => {
      const order = await ringOrder(deps.store.db, { userIds: usersOf(incoming.route), now });
      return { number: incoming.number, label: incoming.label, ringable: named(order.ringable), busy: named(order.busy), offline: named(order.offline) };
    }),
  );
}

function nobodyRingable(reps: NumberReps[]): SetupFinding[] {
  return reps.map(({ number, ringable }) => {
    const ok = ringable.length > 0;
    return {
      id: `number:${number}:reps`,
      ok,
      severity: 'warning',
      message: ok
        ? { en: `${number}: ${ringable.map((r) => r.name).join(', ')} can be rung now.`, ja: `${number}：現在 ${ringable.map((r) => r.name).join('、')} を呼び出せます。` }
        : { en: `${number}: nobody can be rung right now (no rep online and free). Callers hear the unavailable message.`, ja: `${number}：現在呼び出せる担当者がいません（オンラインで通話中でない担当者がいません）。発信者には不在メッセージが流れます。` },
    };
  });
}

/**
 * Numbers configured here but never connected to Twilio (or not in the account at all): the first
 * gets the `point-number` fix, found by phone number in the account's list.
 */
function unconnectedFindings(configured: IncomingNumber[], connected: Set<string>, account: { sid: string; phoneNumber: string }[]): SetupFinding[] {
  return configured
    .filter((incoming) => !connected.has(incoming.number))
    .map((incoming) => {
      const owned = account.find((n) => n.phoneNumber === incoming.number);
      return owned
        ? { id: `number:${owned.sid}:connected`, numberSid: owned.sid, ok: false, severity: 'error', fix: 'point-number',
            message: { en: `${incoming.number} is not connected to this server yet: Twilio does not send its calls here.`, ja: `${incoming.number} はまだこのサーバーに接続されていません。着信がこのサーバーに届きません。` } }
        : { id: `number:${incoming.number}:in-account`, ok: false, severity: 'error',
            message: { en: `${incoming.number} is not a number of this Twilio account. Buy or port it in Twilio, or delete it here.`, ja: `${incoming.number} はこの Twilio アカウントの番号ではありません。Twilio で取得・移行するか、ここで削除してください。` } };
    });
}

export async function runSetupCheck(deps: AppDeps): Promise<SetupReport> {
  const { db } = deps.store;
  const configured = await listConfiguredNumbers(db);
  const reps = await repsByNumber(deps, configured);
  const hours = hoursFindings(configured, { timeZone: (await loadSettings(db)).timeZone, now: deps.now() });
  const report = (findings: SetupFinding[]): SetupReport => {
    const all = [...findings, ...nobodyRingable(reps), ...hours];
    return { ok: all.every((f) => f.ok || f.severity !== 'error'), findings: all, reps };
  };
  if (!deps.publicUrl) return report([{ id: 'public-url-https', ok: false, severity: 'error', message: PUBLIC_URL_MISSING }]);
  if (!(await loadTwilioCredentials(db, deps.secretBox))) {
    return report([{ id: 'twilio-account', ok: false, severity: 'error', message: TWILIO_NOT_CONFIGURED }]);
  }
  const { client, credentials, publicUrl } = await requireTwilio(deps);
  const rows = await db.selectFrom('incoming_numbers').select(['number', 'twilio_sid']).where('twilio_sid', 'is not', null).execute();
  const connected = rows.map((r) => ({ sid: r.twilio_sid!, phoneNumber: r.number }));
  const unconnected = configured.filter((c) => !rows.some((r) => r.number === c.number));
  const [findings, account] = await talkToTwilio(() =>
    Promise.all([
      setupCheck(client, { publicUrl, numbers: connected, apiKeySid: credentials.apiKeySecret ? credentials.apiKeySid : null, twimlAppSid: credentials.twimlAppSid }),
      unconnected.length > 0 ? listIncomingNumbers(client, { publicUrl }) : Promise.resolve([]),
    ]),
  );
  return report([...findings, ...unconnectedFindings(configured, new Set(rows.map((r) => r.number)), account)]);
}

const APP_FINDINGS = new Set(['twiml-app', 'twiml-app-voice-url', 'api-key']);

/** Performs the one-click repair of finding `id`, then checks again. */
export async function fixSetupProblem(deps: AppDeps, id: string): Promise<SetupReport> {
  const numberSid = id.match(/^number:(PN[0-9a-fA-F]{32}):/)?.[1];
  if (APP_FINDINGS.has(id)) await recreateVoiceApp(deps);
  else if (numberSid) await connectNumber(deps, { sid: numberSid, confirm: true });
  else {
    throw new BilingualError(400, 'no_fix', {
      en: `There is no automatic repair for “${id}”. Follow the advice in its message.`,
      ja: `「${id}」は自動で修復できません。メッセージの案内に従ってください。`,
    });
  }
  return runSetupCheck(deps);
}

/** Re-creates what is missing of the TwiML App and API key (keeping what still exists) and stores it. */
async function recreateVoiceApp(deps: AppDeps): Promise<void> {
  const { client, credentials, publicUrl } = await requireTwilio(deps);
  const result = await talkToTwilio(() =>
    ensureVoiceApp({
      client,
      publicUrl,
      existing: { apiKeySid: credentials.apiKeySecret ? credentials.apiKeySid : null, twimlAppSid: credentials.twimlAppSid },
    }),
  );
  const stored = await loadStoredTwilio(deps.store.db);
  await saveStoredTwilio(
    deps.store.db,
    {
      ...stored,
      apiKeySid: result.apiKeySid,
      twimlAppSid: result.twimlAppSid,
      apiKeySecretSealed: result.apiKeySecret === undefined ? stored.apiKeySecretSealed : deps.secretBox.seal(result.apiKeySecret),
    },
    deps.now(),
  );
  deps.logger.info({ event: 'voice_app_repaired', created: result.created, updated: result.updatedTwimlApp }, 'TwiML App and API key repaired');
}
