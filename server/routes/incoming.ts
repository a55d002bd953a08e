import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin } from '../http/auth.ts';
import { parseInput, readJsonObject } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import { ApiError, apiError, bodyOf, invalidConfig, invalidInput, issue } from '../http/errors.ts';
import { checkAudioFiles } from '../phone-config/audio-rules.ts';
import { displayNumber } from '../phone-config/display-number.ts';
import { normaliseNumber } from '../phone-config/normalise.ts';
import { validatePhoneConfig, type ConfigIssue } from '../phone-config/validate.ts';
import { connectNumber, disconnectNumber, type DisconnectResult } from '../services/number-provisioning-service.ts';
import { editPhoneConfig, relativeTo, type EditableConfig } from '../services/phone-config-service.ts';
import { storedAudioIds } from '../services/audio-service.ts';
import { requireTwilio } from '../services/twilio-account-service.ts';
import { talkToTwilio } from '../services/twilio-failure.ts';
import { listIncomingNumbers, loadPhoneConfig, loadSettings } from '../store/phone-config-store.ts';
import { pointNumberAtServer } from '../twilio/provisioning-numbers.ts';
import { serverWebhookUrls } from '../twilio/provisioning-urls.ts';

type Edit = (document: EditableConfig) => void;

/**
 * What `POST /` takes beside the number: the Twilio number to point here, and the admin's yes to
 * taking it over. Checked before anything is saved: the SID becomes a path of Twilio's REST API.
 */
const connectFields = z.object({
  twilioSid: z.string().regex(/^PN[0-9a-fA-F]{32}$/, 'invalid_phone_number_sid').optional(),
  confirm: z.boolean().optional(),
});

/** Incoming numbers (`:number` is E.164 or national format, URL-encoded; Hono decodes it once). */
export function incomingRoutes(deps: AppDeps) {
  const { db } = deps.store;
  const e164 = async (param: string) => {
    const country = (await loadSettings(db)).defaultCountry;
    return normaliseNumber(param, country) ?? param;
  };
  const indexOf = (document: EditableConfig, number: string) => {
    const index = document.incoming.findIndex((item) => item.number === number);
    if (index < 0) throw apiError('incoming_number_not_found', { number });
    return index;
  };
  const findOne = async (number: string) => {
    const found = (await listIncomingNumbers(db)).find((item) => item.number === number);
    if (!found) throw apiError('incoming_number_not_found', { number });
    return found;
  };
  /**
   * Refuses an edit the save would refuse (404, the document's rules), changing nothing: for the routes
   * that must ask Twilio before saving. The save checks again; `reconnect` covers what slips between.
   */
  const checkEdit = async (edit: Edit, pathPrefix?: (issue: ConfigIssue) => ConfigIssue) => {
    const document = structuredClone(await loadPhoneConfig(db)) as EditableConfig;
    edit(document);
    const result = validatePhoneConfig(document);
    if (!result.ok) throw invalidConfig(pathPrefix ? result.issues.map(pathPrefix) : result.issues);
  };
  /** Refuses a number that plays an audio file this server does not have (`audio_not_found` at its path). */
  const requireAudioFiles = async (incoming: Record<string, unknown>) => {
    const missing = checkAudioFiles({ incoming: [incoming] }, await storedAudioIds(deps));
    if (missing.length > 0) throw invalidConfig(missing.map(relativeTo('incoming[0]')));
  };
  /** Undoes `disconnectNumber` when the delete it came before was refused: Twilio and the row as they were. */
  const reconnect = async (
    number: string,
    before: { twilio_sid: string | null; previous_twilio: unknown; twilio_voice_url: string | null },
    given: DisconnectResult,
  ) => {
    if (!before.twilio_sid) return;
    try {
      // Deleted after all, by the same delete from another tab or admin: given back is right. Pointed
      // here again, the Twilio number would answer every caller with "not in service".
      const kept = await db.selectFrom('incoming_numbers').select('number').where('number', '=', number).executeTakeFirst();
      if (!kept) return;
      // Pointed here again at today's address; otherwise still wherever it was.
      let pointedAt = before.twilio_voice_url;
      if (given.status === 'restored') {
        const { client, publicUrl } = await requireTwilio(deps);
        await talkToTwilio(() => pointNumberAtServer(client, { sid: before.twilio_sid!, publicUrl }));
        pointedAt = serverWebhookUrls(publicUrl).voice;
      }
      await db
        .updateTable('incoming_numbers')
        .set({
          twilio_sid: before.twilio_sid,
          previous_twilio: before.previous_twilio === null ? null : JSON.stringify(before.previous_twilio),
          twilio_voice_url: pointedAt,
          updated_at: deps.now(),
        })
        .where('number', '=', number)
        .execute();
    } catch (error) {
      deps.logger.error({ err: error, number, sid: before.twilio_sid }, 'could not reconnect a Twilio number after its delete was refused; connect it again on the options page');
    }
  };
  return new Hono<AppEnv>()
    .use(requireAdmin(deps))
    .get('/', async (c) => c.json({ incoming: await listIncomingNumbers(db) }))
    .get('/:number', async (c) => c.json(await findOne(await e164(c.req.param('number')))))
    .post('/', async (c) => {
      // The Twilio number to connect comes along with the number; it is not part of the number.
      const { twilioSid: givenSid, confirm: givenConfirm, ...body } = await readJsonObject(c);
      const { twilioSid, confirm } = parseInput(connectFields, { twilioSid: givenSid, confirm: givenConfirm });
      await requireAudioFiles(body);
      let index = 0;
      const saved = await editPhoneConfig(
        deps,
        c.get('user'),
        (document) => {
          index = document.incoming.push(body) - 1;
        },
        (issue) => relativeTo(`incoming[${index}]`)(issue),
      );
      const added = saved.incoming[index];
      if (twilioSid === undefined) return c.json(added, 201);
      // Given the Twilio number's SID, point it at this server now (the options page's "Add number").
      // The number is saved first, in one transaction; Twilio is asked after. When Twilio refuses or
      // cannot be reached, nothing changed there, so there is nothing to undo: the answer is still
      // 201, the number saved and not connected, with Twilio's problem for the page to show and to
      // retry (POST /api/twilio/numbers/:sid/connect). Connecting first would need a second Twilio
      // call to undo it when the save fails, and that one can fail too, leaving a number pointed
      // here with no configuration. A number in use elsewhere stays the 409 asking to confirm
      // (number_in_use), the number saved likewise.
      try {
        const twilio = await connectNumber(deps, { sid: twilioSid, confirm: confirm === true });
        return c.json({ ...added, twilio }, 201);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code === 'number_in_use') throw error;
        deps.logger.warn({ err: error, number: added?.number, sid: twilioSid }, 'incoming number saved; pointing its Twilio number here failed');
        return c.json({ ...added, twilio: { status: error.status, ...bodyOf(error) } }, 201);
      }
    })
    .put('/:number', async (c) => {
      const number = await e164(c.req.param('number'));
      const body = await readJsonObject(c);
      // The path names the number: a body naming another would rename it, leaving its Twilio number
      // (pointed here, and what to give back when it goes) with nobody. Remove and add it instead.
      if (Object.hasOwn(body, 'number') && (typeof body.number !== 'string' || (await e164(body.number)) !== number)) {
        const shown = displayNumber(number, (await loadSettings(db)).defaultCountry);
        throw invalidInput([issue('number', 'incoming_number_immutable', { number: shown })]);
      }
      await requireAudioFiles({ ...body, number });
      let index = 0;
      const saved = await editPhoneConfig(
        deps,
        c.get('user'),
        (document) => {
          index = indexOf(document, number);
          document.incoming[index] = { ...body, number };
        },
        (issue) => relativeTo(`incoming[${index}]`)(issue),
      );
      return c.json(saved.incoming[index]);
    })
    .delete('/:number', async (c) => {
      const number = await e164(c.req.param('number'));
      const remove: Edit = (document) => {
        document.incoming.splice(indexOf(document, number), 1);
      };
      // Refused before Twilio is asked: a delete the rules refuse leaves the number connected.
      await checkEdit(remove);
      const before = await db
        .selectFrom('incoming_numbers')
        .select(['twilio_sid', 'previous_twilio', 'twilio_voice_url'])
        .where('number', '=', number)
        .executeTakeFirst();
      // Give the Twilio number back before saving: saving drops the stored "before" settings.
      const given = await disconnectNumber(deps, number);
      try {
        await editPhoneConfig(deps, c.get('user'), remove);
      } catch (error) {
        // Refused after all (a change in between): connected again, as it was.
        if (before) await reconnect(number, before, given);
        throw error;
      }
      return c.body(null, 204);
    });
}
