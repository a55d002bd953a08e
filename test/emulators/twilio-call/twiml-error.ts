/** A failure Twilio would log in its debugger, with Twilio's error code (reference §3.5). */
export class TwimlError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = 'TwimlError';
    this.code = code;
  }
}
