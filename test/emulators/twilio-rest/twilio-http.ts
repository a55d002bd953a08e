// What both fakes of Twilio's REST API share: HTTP Basic credentials and Twilio's error body
// (`{code, message, more_info, status}`, reference twilio.md §6).

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

export function basicAuth(header: string | undefined): BasicCredentials | null {
  const encoded = header?.match(/^Basic (.+)$/)?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function twilioErrorBody(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}
