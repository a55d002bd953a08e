import { randomBytes } from 'node:crypto';

// The in-memory Twilio account(s) behind the fake REST API. Field names are Twilio's JSON (snake_case),
// dates RFC 2822 as Twilio sends them (spec: "date_created": "Thu, 30 Jul 2015 23:19:04 +0000").

export type AccountStatus = 'active' | 'suspended' | 'closed';

export type FakeAccount = {
  sid: string;
  /** The primary Auth Token: FetchAccount's `auth_token`, and the key of every webhook signature. */
  authToken: string;
  /** A secondary Auth Token (the first step of a rotation): REST accepts it, signatures never use it. */
  secondaryAuthToken?: string;
  friendly_name: string;
  status: AccountStatus;
  type: 'Trial' | 'Full';
  date_created: string;
  date_updated: string;
};

export type FakeKey = { sid: string; friendly_name: string; secret: string; date_created: string; date_updated: string };

export type FakeApplication = {
  sid: string;
  friendly_name: string;
  voice_url: string | null;
  voice_method: string;
  voice_fallback_url: string | null;
  voice_fallback_method: string;
  status_callback: string | null;
  status_callback_method: string;
  voice_caller_id_lookup: boolean;
  date_created: string;
  date_updated: string;
};

export type FakeNumber = {
  sid: string;
  phone_number: string;
  friendly_name: string;
  voice_url: string | null;
  voice_method: string;
  voice_fallback_url: string | null;
  voice_fallback_method: string;
  status_callback: string;
  status_callback_method: string;
  voice_application_sid: string;
  trunk_sid: string | null;
  capabilities: { voice: boolean; sms: boolean; mms: boolean; fax: boolean };
  date_created: string;
  date_updated: string;
};

/** A verified caller ID (OutgoingCallerIds): a number the account may call from without owning it. */
export type FakeCallerId = {
  sid: string;
  phone_number: string;
  friendly_name: string;
  date_created: string;
  date_updated: string;
};

/** A call recording (FetchRecording's fields that matter here) and its audio. */
export type FakeRecording = {
  sid: string;
  call_sid: string;
  duration: string;
  channels: number;
  source: 'DialVerb' | 'RecordVerb' | 'StartCallRecordingAPI' | 'OutboundAPI' | 'Trunking' | 'Conference';
  status: 'completed';
  date_created: string;
  date_updated: string;
  start_time: string;
  media: Uint8Array;
};

export type FakeAccountData = {
  account: FakeAccount;
  keys: Map<string, FakeKey>;
  applications: Map<string, FakeApplication>;
  numbers: Map<string, FakeNumber>;
  callerIds: Map<string, FakeCallerId>;
  recordings: Map<string, FakeRecording>;
};

export function sid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

export function rfc2822(date = new Date()): string {
  // Twilio: "Thu, 30 Jul 2015 23:19:04 +0000"; toUTCString gives "Thu, 30 Jul 2015 23:19:04 GMT".
  return date.toUTCString().replace('GMT', '+0000');
}

export function newAccount(overrides: Partial<FakeAccount> = {}): FakeAccountData {
  const now = rfc2822();
  return {
    account: {
      sid: sid('AC'),
      authToken: randomBytes(16).toString('hex'),
      friendly_name: 'Yobidashi test account',
      status: 'active',
      type: 'Full',
      date_created: now,
      date_updated: now,
      ...overrides,
    },
    keys: new Map(),
    applications: new Map(),
    numbers: new Map(),
    callerIds: new Map(),
    recordings: new Map(),
  };
}

export function newRecording(callSid: string, media: Uint8Array, overrides: Partial<FakeRecording> = {}): FakeRecording {
  const now = rfc2822();
  return {
    sid: sid('RE'),
    call_sid: callSid,
    duration: '125',
    channels: 1,
    source: 'DialVerb',
    status: 'completed',
    date_created: now,
    date_updated: now,
    start_time: now,
    media,
    ...overrides,
  };
}

/** A TwiML App as CreateApplication makes one with no parameters (another tool's, or one made earlier). */
export function newApplication(overrides: Partial<FakeApplication> = {}): FakeApplication {
  const now = rfc2822();
  return {
    sid: sid('AP'), friendly_name: '', voice_url: null, voice_method: 'POST', voice_fallback_url: null, voice_fallback_method: 'POST',
    status_callback: null, status_callback_method: 'POST', voice_caller_id_lookup: false, date_created: now, date_updated: now,
    ...overrides,
  };
}

export function newNumber(phoneNumber: string, overrides: Partial<FakeNumber> = {}): FakeNumber {
  const now = rfc2822();
  return {
    sid: sid('PN'),
    phone_number: phoneNumber,
    friendly_name: phoneNumber,
    // What Twilio puts on a freshly bought number.
    voice_url: 'https://demo.twilio.com/welcome/voice/',
    voice_method: 'POST',
    voice_fallback_url: null,
    voice_fallback_method: 'POST',
    status_callback: '',
    status_callback_method: 'POST',
    voice_application_sid: '',
    trunk_sid: null,
    capabilities: { voice: true, sms: true, mms: false, fax: false },
    date_created: now,
    date_updated: now,
    ...overrides,
  };
}

/** A caller ID verified in the Twilio Console (Phone Numbers → Verified Caller IDs). */
export function newCallerId(phoneNumber: string, overrides: Partial<FakeCallerId> = {}): FakeCallerId {
  const now = rfc2822();
  return {
    sid: sid('PN'),
    phone_number: phoneNumber,
    // Twilio's default friendly name is the number formatted for people (spec example: "(415) 867-5309").
    friendly_name: phoneNumber,
    date_created: now,
    date_updated: now,
    ...overrides,
  };
}
