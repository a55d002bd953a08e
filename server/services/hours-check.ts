import { namedNumber } from '../phone-config/display-number.ts';
import type { IncomingNumber } from '../phone-config/schema.ts';
import type { SetupFinding } from '../twilio/setup-check.ts';
import { closedAllWeek, localMoment } from '../voice/business-hours.ts';
import { defaultClosedMessage } from '../voice/closed-message.ts';
import { HOLIDAY_DATA, holidaysKnownFor } from '../voice/japanese-holidays.ts';

/**
 * The setup check's part of business hours: a number closed all week, one without a closed message
 * of its own, and holiday data that does not yet cover next year (an update of the holiday package
 * is due: without it, next year's holidays would be working days). Numbers are named as in the
 * check's other findings (national format, then the label); the default closed message is quoted in
 * the number's voice language, as callers hear it (routes/twilio/incoming/closed.ts).
 */
export function hoursFindings(
  numbers: readonly IncomingNumber[],
  options: { timeZone: string; now: Date; defaultCountry: string; holidayData?: { firstYear: number; lastYear: number } },
): SetupFinding[] {
  const findings: SetupFinding[] = [];
  const withHours = numbers.filter((number) => number.hours);
  for (const number of withHours) {
    const hours = number.hours!;
    const which = namedNumber(number.number, number.label, options.defaultCountry);
    if (closedAllWeek(hours)) {
      findings.push({
        id: `number:${number.number}:closed-all-week`,
        ok: false,
        severity: 'warning',
        message: {
          en: `${which.en}: its business hours have no opening time on any day, so it never rings (only special open days do).`,
          ja: `${which.ja}：営業時間がどの曜日にも設定されていないため、着信が鳴りません（特別営業日を除く）。`,
        },
      });
    }
    if (!number.messages.closed) {
      const heard = defaultClosedMessage(hours, number.voice.language);
      findings.push({
        id: `number:${number.number}:closed-message`,
        ok: false,
        severity: 'warning',
        message: {
          en: `${which.en}: no closed message of its own; outside hours callers hear “${heard}”`,
          ja: `${which.ja}：時間外メッセージが未設定です。営業時間外には「${heard}」が流れます。`,
        },
      });
    }
  }
  if (withHours.some((number) => number.hours!.holidays !== 'open')) {
    const nextYear = Number(localMoment(options.now, options.timeZone).date.slice(0, 4)) + 1;
    const data = options.holidayData ?? HOLIDAY_DATA;
    const known = holidaysKnownFor(nextYear, data);
    findings.push({
      id: 'hours:holiday-data',
      ok: known,
      severity: 'warning',
      message: known
        ? { en: `Japan’s national holidays are known through ${data.lastYear}.`, ja: `日本の祝日データは ${data.lastYear} 年まであります。` }
        : {
            en: `Japan’s national holidays are known only through ${data.lastYear}: update the server (the @holiday-jp/holiday_jp package) before ${nextYear}, or ${nextYear}’s holidays will be working days.`,
            ja: `日本の祝日データが ${data.lastYear} 年までしかありません。${nextYear} 年になる前にサーバー（@holiday-jp/holiday_jp パッケージ）を更新してください。更新しないと ${nextYear} 年の祝日が営業日として扱われます。`,
          },
    });
  }
  return findings;
}
