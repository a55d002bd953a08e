import { createSecretKey, type KeyObject } from 'node:crypto';
import twilio from 'twilio';

export interface VoiceTokenGrant {
  accountSid: string;
  apiKeySid: string;
  /** The API key's secret, as a key object (`signingKey`). */
  key: KeyObject;
  twimlAppSid: string;
  identity: string;
  ttlSeconds: number;
}

/**
 * The API key secret as a key object, made once per secret. jsonwebtoken, under twilio's
 * `AccessToken`, first tries a string secret as a PEM private key and makes the HMAC key only when
 * that throws: an exception per token, two thirds of the signing time in the profile.
 */
export function signingKey(apiKeySecret: string): KeyObject {
  return createSecretKey(Buffer.from(apiKeySecret, 'utf8'));
}

/** A Voice SDK Access Token: the rep's `<Client>` identity, calls out through the TwiML App, calls in allowed. */
export function voiceAccessToken(grant: VoiceTokenGrant): string {
  // twilio's types say string; jsonwebtoken signs with a KeyObject the same (HS256 over the same bytes).
  const secret = grant.key as unknown as string;
  const token = new twilio.jwt.AccessToken(grant.accountSid, grant.apiKeySid, secret, { identity: grant.identity, ttl: grant.ttlSeconds });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: grant.twimlAppSid, incomingAllow: true }));
  return token.toJwt();
}
