import fc from 'fast-check';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdFallbackTwiml } from '../../../server/voice/room.ts';
import { parseTwiml, type Verb } from '../../emulators/twilio-call/twiml.ts';
import { twilioFixture } from '../../fixtures/twilio/index.ts';
import { PUBLIC_URL } from '../support/app.ts';
import { createHostileTarget, fingerprint, isWebhook, type HostileTarget } from '../support/hostile-requests.ts';
import { MAIN } from '../voice/phone-numbers.ts';
import { ACCOUNT_SID, AUTH_TOKEN } from '../voice/voice-harness.ts';

/**
 * A webhook URL holding text the database cannot store (`%00` in the path or the query). Twilio never
 * builds one, but whatever reaches `/twilio/*` is answered in TwiML, never the API's JSON: the
 * signature is checked first (403 without a valid one, as for any webhook), then the URL is refused
 * as a failed webhook is answered: the caller hears the unavailable message (hold music for a
 * HoldUrl), and nothing is recorded.
 */

let target: HostileTarget;
beforeAll(async () => {
  target = await createHostileTarget();
});
afterAll(() => target.close());

const FORM = 'application/x-www-form-urlencoded';
const BODY = twilioFixture('inbound-call', { AccountSid: ACCOUNT_SID, To: MAIN.number, Called: MAIN.number });

async function webhook(pathAndQuery: string, signed = true): Promise<Response> {
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + pathAndQuery, BODY);
  return target.test.app.request(`http://localhost${pathAndQuery}`, {
    method: 'POST',
    headers: { 'Content-Type': FORM, ...(signed ? { 'X-Twilio-Signature': signature } : {}) },
    body: new URLSearchParams(BODY).toString(),
  });
}

/** The verbs of a TwiML answer Twilio can run (throws as Twilio's parser would refuse it). */
async function twimlOf(response: Response): Promise<Verb[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/xml');
  return parseTwiml(await response.text());
}

describe('a Twilio webhook whose URL holds %00', () => {
  it.each([
    ['a query value of the menu', '/twilio/voice/menu?l=ja-JP&n=%00&t=0'],
    ['a query key', '/twilio/voice?l%00=ja-JP'],
    ['the path', '/twilio/voice%00'],
    ['a room’s URL', '/twilio/room/join?call=CA%00&p=customer'],
  ])('in %s: the caller hears the unavailable message, in TwiML', async (_where, url) => {
    const before = await fingerprint(target.test.store);
    const verbs = await twimlOf(await webhook(url));
    // In the called number's language (Japanese here), then the call ends.
    expect(verbs.map((verb) => verb.verb)).toEqual(['Say', 'Hangup']);
    expect(verbs[0]).toMatchObject({ language: 'ja-JP' });
    expect(await fingerprint(target.test.store)).toBe(before);
  });

  it('on the HoldUrl: the default hold music, never a hang-up', async () => {
    const response = await webhook('/twilio/hold?call=%00');
    expect(await twimlOf(response.clone())).not.toContainEqual({ verb: 'Hangup' });
    expect(await response.text()).toBe(holdFallbackTwiml());
  });

  it('on a status callback: TwiML all the same, and nothing recorded', async () => {
    const before = await fingerprint(target.test.store);
    await twimlOf(await webhook('/twilio/status?x=%00'));
    expect(await fingerprint(target.test.store)).toBe(before);
  });

  it('without a valid signature: refused as any unsigned webhook is (403)', async () => {
    const response = await webhook('/twilio/voice?l=%00', false);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('Twilio request validation failed.');
  });

  it('the API keeps its 400 naming the parameter', async () => {
    const response = await target.test.app.request('http://localhost/api/calls?number=%00');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: 'query.number', code: 'invalid_characters' }] } });
  });

  const nul = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 6 })).map(([a, b]) => encodeURIComponent(`${a}\u0000${b}`));
  const spoiled = fc.oneof(
    fc.tuple(fc.constantFrom('l', 'n', 't', 'call', 'p', 'party', 'x'), nul).map(([key, value]) => ({ path: '', query: `${key}=${value}` })),
    nul.map((key) => ({ path: '', query: `${key}=1` })),
    nul.map((segment) => ({ path: segment, query: '' })),
  );

  it('on every webhook, signed, wherever the %00 is: TwiML Twilio can run, nothing recorded', { timeout: 120_000 }, async () => {
    const webhooks = target.routes.filter(isWebhook);
    expect(webhooks.length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...webhooks), spoiled, fc.constantFrom('', 'l=ja-JP&n=0&t=0&'), async (route, { path, query }, valid) => {
        const before = await fingerprint(target.test.store);
        await twimlOf(await webhook(`${route.path}${path}${query ? `?${valid}${query}` : ''}`));
        expect(await fingerprint(target.test.store)).toBe(before);
      }),
      { seed: 20_261_205, numRuns: 60, endOnFailure: true },
    );
  });
});
