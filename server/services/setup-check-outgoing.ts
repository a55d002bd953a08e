import type { OutgoingAssignment } from '../phone-config/schema.ts';
import type { CallerId } from '../twilio/caller-ids.ts';
import type { SetupFinding } from '../twilio/setup-check.ts';
import { notUsableMessage } from './caller-id-service.ts';

/**
 * The setup check's outgoing numbers: each user's caller ID must be a number of the account or a
 * verified caller ID (Twilio refuses any other, and the rep's call just ends). A number that was
 * stored before this check existed, or came in with an import, is found here.
 */
export function outgoingFindings(
  assignments: readonly OutgoingAssignment[],
  callerIds: readonly CallerId[],
  names: ReadonlyMap<string, string>,
  shown: (e164: string) => string,
): SetupFinding[] {
  if (assignments.length === 0) {
    return [{
      id: 'outgoing:none',
      ok: false,
      severity: 'warning',
      message: {
        en: 'Nobody has an outgoing number yet, so nobody can make calls. Assign one in “Outgoing numbers”.',
        ja: '発信番号を割り当てたユーザーがまだいないため、誰も発信できません。「発信番号」で割り当ててください。',
      },
    }];
  }
  return assignments.map(({ user, number }) => {
    const name = names.get(user) ?? user;
    const usable = callerIds.find((callerId) => callerId.phoneNumber === number);
    const id = `outgoing:${user}:caller-id`;
    if (!usable) {
      const reason = notUsableMessage(shown(number));
      return { id, ok: false, severity: 'error', message: { en: `${name} cannot make calls: ${reason.en}`, ja: `${name}さんは発信できません。${reason.ja}` } };
    }
    const source = usable.source === 'twilio-number'
      ? { en: 'a number of this Twilio account', ja: 'この Twilio アカウントの番号' }
      : { en: 'a verified caller ID', ja: '認証済みの発信者番号' };
    return { id, ok: true, severity: 'error', message: { en: `${name} calls from ${shown(number)} (${source.en}).`, ja: `${name}さんは ${shown(number)}（${source.ja}）から発信します。` } };
  });
}
