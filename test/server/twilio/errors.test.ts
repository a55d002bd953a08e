import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { TwilioAccountNotUsableError, UnexpectedTwilioReplyError, describeTwilioError, twilioProblemMessage } from '../../../server/twilio/errors.ts';
import { validateAccount } from '../../../server/twilio/provisioning.ts';
import { createTwilioClient, rebaseTwilioUrl } from '../../../server/twilio/rest-client.ts';
import { wordedAs } from '../support/worded.ts';

function restException(status: number, code?: number, message = 'Twilio says no') {
  const body = code === undefined ? {} : { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  return new twilio.RestException({ statusCode: status, body: JSON.stringify(body), headers: {} } as never);
}

describe('Twilio errors become sentences an admin understands', () => {
  it.each([
    [restException(401, 20003, 'Authenticate'), 'twilio_auth_failed', 'Account SID or Auth Token', 'アカウント SID または Auth Token'],
    [restException(403, 20008), 'twilio_test_credentials', 'test credentials', 'テスト用'],
    [restException(404, 20404), 'twilio_not_found', 'could not find', '見つかりません'],
    [restException(401, 20005, 'Account not active'), 'twilio_account_inactive', 'not active', '有効ではありません'],
    [new TwilioAccountNotUsableError('suspended'), 'twilio_account_suspended', 'suspended', '停止'],
    [new TwilioAccountNotUsableError('closed'), 'twilio_account_closed', 'closed', '解約'],
    [restException(400, 21219), 'twilio_trial_unverified_number', 'trial', 'トライアル'],
    [restException(400, 21210), 'twilio_trial_unverified_number', 'trial', 'トライアル'],
    [restException(400, 21215), 'twilio_geo_permission', 'Geo permissions', 'Geo permissions'],
    [restException(429, 20429), 'twilio_rate_limited', 'too many requests', '多すぎます'],
    [restException(503), 'twilio_unavailable', 'problem right now', '障害'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), 'twilio_unreachable', 'could not reach Twilio', '接続できません'],
    [Object.assign(new Error('timeout of 15000ms exceeded'), { code: 'ECONNABORTED' }), 'twilio_unreachable', 'could not reach Twilio', '接続できません'],
    // Any failure of the exchange itself, whatever its code: an untrusted certificate (a TLS-inspecting proxy), a protocol error.
    [Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN', isAxiosError: true, config: {} }), 'twilio_unreachable', 'could not reach Twilio', '接続できません'],
    [Object.assign(new Error('write EPROTO'), { code: 'EPROTO', config: {}, request: {} }), 'twilio_unreachable', 'could not reach Twilio', '接続できません'],
    // Not JSON: a captive portal's page in Twilio's place.
    [new SyntaxError('Unexpected token \'<\', "<html><bod"... is not valid JSON'), 'twilio_unavailable', 'problem right now', '障害'],
    // JSON of another shape: a proxy's `{}` in Twilio's place, or an API that changed.
    [new UnexpectedTwilioReplyError('fetching the account', ['sid: invalid_type']), 'twilio_unavailable', 'problem right now', '障害'],
  ])('%s → %s, worded by the extension', (error, code, en, ja) => {
    const problem = describeTwilioError(error);
    expect(problem?.code).toBe(code);
    const body = { error: { code: problem?.code } };
    expect(wordedAs('en', body)).toContain(en);
    expect(wordedAs('ja', body)).toContain(ja);
  });

  it('keeps Twilio’s own words (for logs) for a refusal it has no sentence for', () => {
    const problem = describeTwilioError(restException(400, 21502, 'Invalid Url'));
    expect(problem).toEqual({
      code: 'twilio_rejected',
      detail: 'Invalid Url',
      twilioCode: 21502,
      httpStatus: 400,
      moreInfo: 'https://www.twilio.com/docs/errors/21502',
    });
    expect(twilioProblemMessage(problem!)).toBe('Twilio refused the change: Invalid Url');
  });

  it('does not disguise a bug as a Twilio problem', () => {
    expect(describeTwilioError(new TypeError('x is undefined'))).toBeNull();
  });

  it('reports an unreachable Twilio API when nothing listens at TWILIO_API_URL', async () => {
    const client = createTwilioClient({ accountSid: 'AC' + '0'.repeat(32), authToken: 't', apiBaseUrl: 'http://127.0.0.1:9' });
    const error = await validateAccount(client, 'AC' + '0'.repeat(32)).catch((e: unknown) => e);
    expect(describeTwilioError(error)?.code).toBe('twilio_unreachable');
  });
});

describe('TWILIO_API_URL', () => {
  it.each([
    ['https://api.twilio.com/2010-04-01/Accounts/AC1.json?Page=1', 'http://127.0.0.1:4010', 'http://127.0.0.1:4010/2010-04-01/Accounts/AC1.json?Page=1'],
    ['https://api.twilio.com/2010-04-01/Accounts.json', 'https://mock.example/twilio/', 'https://mock.example/twilio/2010-04-01/Accounts.json'],
    ['https://iam.twilio.com/v1/Keys', 'http://127.0.0.1:4010', 'https://iam.twilio.com/v1/Keys'],
  ])('%s with base %s → %s', (uri, base, expected) => {
    expect(rebaseTwilioUrl(uri, new URL(base))).toBe(expected);
  });
});
