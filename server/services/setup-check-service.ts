import type { AppDeps } from '../http/deps.ts';
import { displayNumber, namedNumber } from '../phone-config/display-number.ts';
import type { IncomingNumber, MenuItem, Route } from '../phone-config/schema.ts';
import {
  listIncomingNumbers as listConfiguredNumbers,
  loadPhoneConfig,
  loadSettings,
  loadStoredTwilio,
  loadTwilioCredentials,
  saveStoredTwilio,
} from '../store/phone-config-store.ts';
import { ringOrder } from '../store/presence.ts';
import { listCallerIds } from '../twilio/caller-ids.ts';
import { ensureVoiceApp } from '../twilio/provisioning.ts';
import { describeNumber, listTwilioNumbers } from '../twilio/provisioning-numbers.ts';
import { setupCheck, type SetupFinding } from '../twilio/setup-check.ts';
import { apiError } from '../http/errors.ts';
import type { AdminMessage } from '../twilio/errors.ts';
import { talkToTwilio } from './twilio-failure.ts';
import { hoursFindings } from './hours-check.ts';
import { connectNumber } from './number-provisioning-service.ts';
import { strayFindings, unconnectedFindings } from './setup-check-numbers.ts';
import { outgoingFindings } from './setup-check-outgoing.ts';
import { oneTwilioSetupAtATime, requireTwilio } from './twilio-account-service.ts';

/**
 * The options page's setup check: is Twilio set up, does it still send calls here, do the TwiML App
 * and API key still exist, is PUBLIC_URL HTTPS, may each user's outgoing number be used as caller ID,
 * and who can be rung on each number right now. Numbers in its sentences are in national format.
 * Each problem that has a one-click repair carries its `fix`; `fixSetupProblem(id)` performs it.
 */

/** Said when the check cannot look at Twilio at all: the admin's first step. */
const TWILIO_MISSING = {
  en: 'Twilio is not set up yet: incoming calls cannot reach Yobidashi and reps cannot call. Enter the Account SID and Auth Token in step 1 (Twilio).',
  ja: 'Twilio がまだ設定されていないため、着信も発信もできません。ステップ 1（Twilio）で Account SID と Auth Token を入力してください。',
};

type Rep = { id: string; name: string };

// Said when the server cannot be reached by Twilio at all.
const PUBLIC_URL_MISSING: AdminMessage = {
  en: 'PUBLIC_URL is not set, so Twilio cannot reach this server. Set it to the server’s public HTTPS address and restart.',
  ja: 'PUBLIC_URL が設定されていないため、Twilio がこのサーバーに接続できません。サーバーの公開 HTTPS アドレスを設定して再起動してください。',
};

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

function nobodyRingable(reps: NumberReps[], defaultCountry: string): SetupFinding[] {
  return reps.map(({ number, label, ringable }) => {
    const ok = ringable.length > 0;
    const { en: which, ja: whichJa } = namedNumber(number, label, defaultCountry);
    return {
      id: `number:${number}:reps`,
      ok,
      severity: 'warning',
      message: ok
        ? { en: `${which}: ${ringable.map((r) => r.name).join(', ')} can be rung now.`, ja: `${whichJa}：今は ${ringable.map((r) => r.name).join('、')} を呼び出せます。` }
        : { en: `${which}: every rep is offline or on a call, so nobody can be rung right now. Callers hear the unavailable message.`, ja: `${whichJa}：担当者が全員オフラインか通話中のため、今は誰も呼び出せません。発信者には不在メッセージが流れます。` },
    };
  });
}

export async function runSetupCheck(deps: AppDeps): Promise<SetupReport> {
  const { db } = deps.store;
  const [configured, config, { defaultCountry, timeZone }, credentials] = await Promise.all([
    listConfiguredNumbers(db),
    loadPhoneConfig(db),
    loadSettings(db),
    loadTwilioCredentials(db, deps.secretBox),
  ]);
  const shown = (e164: string) => displayNumber(e164, defaultCountry);
  const reps = await repsByNumber(deps, configured);
  const hours = hoursFindings(configured, { timeZone, now: deps.now(), defaultCountry });
  const report = (findings: SetupFinding[]): SetupReport => {
    const all = [...findings, ...nobodyRingable(reps, defaultCountry), ...hours];
    return { ok: all.every((f) => f.ok || f.severity !== 'error'), findings: all, reps };
  };
  // Both are said when both are missing: the admin fixes them in any order.
  const missing: SetupFinding[] = [
    ...(deps.publicUrl ? [] : [{ id: 'public-url-https', ok: false, severity: 'error' as const, message: PUBLIC_URL_MISSING }]),
    ...(credentials ? [] : [{ id: 'twilio-account', ok: false, severity: 'error' as const, message: TWILIO_MISSING }]),
  ];
  if (missing.length > 0) return report(missing);
  const { client, credentials: stored, publicUrl } = await requireTwilio(deps);
  const rows = await db.selectFrom('incoming_numbers').select(['number', 'twilio_sid', 'twilio_voice_url']).where('twilio_sid', 'is not', null).execute();
  const connected = rows.map((r) => ({ sid: r.twilio_sid!, phoneNumber: shown(r.number), e164: r.number, pointedAt: r.twilio_voice_url }));
  const names = new Map(config.users.map((user) => [user.id, user.name]));
  // The account's numbers, listed once: the check, the caller IDs and the findings below all read them.
  const [findings, callerIds, account] = await talkToTwilio(async () => {
    const owned = await listTwilioNumbers(client);
    return Promise.all([
      setupCheck(client, {
        publicUrl,
        numbers: connected,
        apiKeySid: stored.apiKeySecret ? stored.apiKeySid : null,
        twimlAppSid: stored.twimlAppSid,
        accountSid: stored.accountSid,
        owned,
      }),
      listCallerIds(client, owned),
      owned.map((number) => describeNumber(number, publicUrl)),
    ]);
  });
  return report([
    ...findings,
    ...unconnectedFindings(configured, new Set(rows.map((r) => r.number)), account, publicUrl, shown),
    ...strayFindings(configured, new Set(connected.map((c) => c.sid)), account, publicUrl, shown),
    ...outgoingFindings(config.outgoing, callerIds, names, shown),
  ]);
}

const APP_FINDINGS = new Set(['twiml-app', 'twiml-app-voice-url', 'twiml-app-status-callback', 'api-key']);

/**
 * Performs the one-click repair of finding `id`, then checks again. Pointing a number here asks
 * first, as adding a number does: without `confirm`, a number that answers elsewhere (another IVR,
 * a SIP trunk) is left as it is and the answer is 409 number_in_use naming that use.
 */
export async function fixSetupProblem(deps: AppDeps, id: string, { confirm = false }: { confirm?: boolean } = {}): Promise<SetupReport> {
  const numberSid = id.match(/^number:(PN[0-9a-fA-F]{32}):(?:connected|voice-url|no-override|status-callback)$/)?.[1];
  if (APP_FINDINGS.has(id)) await oneTwilioSetupAtATime(deps, () => recreateVoiceApp(deps));
  else if (numberSid) await connectNumber(deps, { sid: numberSid, confirm });
  else {
    throw apiError('no_fix', { id });
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
