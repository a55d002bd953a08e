/**
 * How the browser tests (and the screenshot scenes) talk to the fake Voice SDK of the e2e build
 * (fake-voice-sdk.ts): the channel, the network switch and the commands. No side effects and no DOM
 * types, so Node scripts can import it without opening the channel.
 */
export const FAKE_SDK_CHANNEL = 'yobidashi-fake-voice-sdk';

/** localStorage key: how the fake SDK reaches Twilio ('up', 'down', 'stalled'). */
export const FAKE_NETWORK_KEY = 'yobidashi-fake-twilio-network';
export type FakeNetwork = 'up' | 'down' | 'stalled';

export type FakeSdkCommand =
  | { cmd: 'incoming'; parameters: Record<string, string>; customParameters: Record<string, string> }
  | { cmd: 'cancel' | 'remoteHangUp'; callSid?: string }
  | { cmd: 'answer' | 'dropRegistration' | 'tokenWillExpire' }
  | { cmd: 'error'; code: number; message: string }
  | { cmd: 'network' }
  | { cmd: 'reconnecting' | 'reconnected' | 'reconnectFailed' }
  | { cmd: 'warning' | 'warningCleared'; name: string }
  | { cmd: 'log'; reqId: string };

/** One call the extension made on the fake SDK, as its `log` answer lists them. */
export interface LogEntry {
  method: string;
  args: unknown[];
}
