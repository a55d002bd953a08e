import type { IncomingNumber } from '../phone-config/schema.ts';
import { pointsAt, type IncomingNumber as AccountNumber } from '../twilio/provisioning-numbers.ts';
import { ourVoiceUrls } from '../twilio/provisioning-urls.ts';
import { takeOverNote, type SetupFinding } from '../twilio/setup-check.ts';

/**
 * The setup check's findings that compare the incoming numbers configured here with the account's
 * numbers (`account`, as `listIncomingNumbers` describes them): numbers never connected, and numbers
 * that send their calls here without being configured. `shown` words a number for a sentence.
 */

/**
 * Numbers configured here but never connected to Twilio (or not in the account at all): the first
 * gets the `point-number` fix, found by phone number in the account's list. The sentence names what
 * answers the number now: the fix asks before taking it over (409 number_in_use), as adding does.
 */
export function unconnectedFindings(
  configured: readonly IncomingNumber[],
  connected: ReadonlySet<string>,
  account: readonly AccountNumber[],
  publicUrl: string,
  shown: (e164: string) => string,
): SetupFinding[] {
  const here = ourVoiceUrls(publicUrl);
  return configured
    .filter((incoming) => !connected.has(incoming.number))
    .map((incoming): SetupFinding => {
      const owned = account.find((n) => n.phoneNumber === incoming.number);
      const number = shown(incoming.number);
      if (!owned) {
        return { id: `number:${incoming.number}:in-account`, ok: false, severity: 'error',
          message: { en: `${number} is not a number of this Twilio account. Buy or port it in Twilio, or delete it here.`, ja: `${number} はこの Twilio アカウントの番号ではありません。Twilio で取得・移行するか、ここで削除してください。` } };
      }
      const note = takeOverNote(owned.usedBy);
      return { id: `number:${owned.sid}:connected`, numberSid: owned.sid, ok: false, severity: 'error', fix: 'point-number',
        message: pointsAt(owned, here)
          ? { en: `${number} sends its calls here, but was never connected on this server: connect it so that deleting it here later gives it back.`, ja: `${number} の着信はこのサーバーに届いていますが、このサーバーで接続されていません。後でここから削除したときに元の設定に戻せるよう、接続してください。` }
          : { en: `${number} is not connected to this server yet: Twilio does not send its calls here.${note.en}`, ja: `${number} はまだこのサーバーに接続されていないため、着信がこのサーバーに届きません。${note.ja}` } };
    });
}

/**
 * Numbers of the account that send their calls to this server although no incoming number here is
 * configured for them (an import, a restored backup, another copy of the database): every caller
 * hears "not in service". No one-click fix: add the number here, or point it elsewhere in Twilio.
 */
export function strayFindings(
  configured: readonly IncomingNumber[],
  connectedSids: ReadonlySet<string>,
  account: readonly AccountNumber[],
  publicUrl: string,
  shown: (e164: string) => string,
): SetupFinding[] {
  const here = ourVoiceUrls(publicUrl);
  const numbers = new Set(configured.map((incoming) => incoming.number));
  return account
    .filter((owned) => pointsAt(owned, here) && !numbers.has(owned.phoneNumber) && !connectedSids.has(owned.sid))
    .map((owned) => {
      const number = shown(owned.phoneNumber);
      return {
        id: `number:${owned.sid}:not-configured`,
        numberSid: owned.sid,
        ok: false,
        severity: 'error',
        message: {
          en: `${number} sends its calls to this server, but it is not one of the incoming numbers here: every caller hears that the number is not in service. Add it in “Incoming numbers”, or point it elsewhere in the Twilio Console.`,
          ja: `${number} の着信はこのサーバーに届きますが、ここでは着信番号として設定されていないため、発信者には「現在使われておりません」という案内が流れます。「着信番号」で追加するか、Twilio コンソールで別の着信先に変更してください。`,
        },
      };
    });
}
