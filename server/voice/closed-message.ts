import { WEEKDAYS, type BusinessHours, type OutsideHours, type TimeRange, type Weekday } from '../phone-config/hours-schema.ts';
import type { Language } from '../phone-config/schema.ts';

/**
 * The closed message a number plays outside business hours when the admin wrote none: it names the
 * hours, read from the weekly schedule, so callers know when to call again.
 *   「お電話ありがとうございます。ただいま営業時間外です。営業時間は、平日の午前9時から正午まで、
 *     および午後1時から午後6時までです。土曜日、日曜日、祝日はお休みをいただいております。…」
 */

const JA_DAYS: Record<Weekday, string> = { mon: '月曜日', tue: '火曜日', wed: '水曜日', thu: '木曜日', fri: '金曜日', sat: '土曜日', sun: '日曜日' };
const EN_DAYS: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const WEEKDAY_RUN: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function jaClock(clock: string): string {
  const hour = Number(clock.slice(0, 2));
  const minute = Number(clock.slice(3, 5));
  if (hour === 12 && minute === 0) return '正午';
  const suffix = minute === 0 ? '時' : `時${minute}分`;
  if (hour === 24 || hour === 0) return `午前0${suffix}`;
  return hour < 12 ? `午前${hour}${suffix}` : `午後${hour - 12}${suffix}`;
}

function enClock(clock: string): string {
  const hour = Number(clock.slice(0, 2)) % 24;
  const minute = Number(clock.slice(3, 5));
  if (hour === 12 && minute === 0) return 'noon';
  if (hour === 0 && minute === 0) return 'midnight';
  const shown = hour % 12 === 0 ? 12 : hour % 12;
  return `${shown}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** Open around the clock that day: read 「終日」 / "all day", never "from midnight to midnight". */
function allDay(ranges: readonly TimeRange[]): boolean {
  return ranges.length === 1 && ranges[0]!.from === '00:00' && ranges[0]!.to === '24:00';
}

const key = (ranges: readonly TimeRange[]) => ranges.map((range) => `${range.from}-${range.to}`).join(',');

/** Days that share the same hours, in week order: [['mon'…'fri'], ranges], [['sat'], ranges]. */
function openGroups(hours: BusinessHours): { days: Weekday[]; ranges: TimeRange[] }[] {
  const groups: { days: Weekday[]; ranges: TimeRange[] }[] = [];
  for (const day of WEEKDAYS) {
    const ranges = hours.weekly[day] ?? [];
    if (ranges.length === 0) continue;
    const group = groups.find((candidate) => key(candidate.ranges) === key(ranges));
    if (group) group.days.push(day);
    else groups.push({ days: [day], ranges: [...ranges] });
  }
  return groups;
}

function isWeekdays(days: readonly Weekday[]): boolean {
  return days.length === 5 && WEEKDAY_RUN.every((day) => days.includes(day));
}

/** Consecutive days read as a run: 月曜日から金曜日 / Monday to Friday. */
function isRun(days: readonly Weekday[]): boolean {
  const indices = days.map((day) => WEEKDAYS.indexOf(day));
  return days.length >= 3 && indices.every((index, at) => at === 0 || index === indices[at - 1]! + 1);
}

function jaDays(days: readonly Weekday[]): string {
  if (isWeekdays(days)) return '平日';
  if (isRun(days)) return `${JA_DAYS[days[0]!]}から${JA_DAYS[days.at(-1)!]}`;
  return days.map((day) => JA_DAYS[day]).join('、');
}

function enDays(days: readonly Weekday[]): string {
  if (isWeekdays(days)) return 'weekdays';
  if (isRun(days)) return `${EN_DAYS[days[0]!]} to ${EN_DAYS[days.at(-1)!]}`;
  return joinEnglish(days.map((day) => `${EN_DAYS[day]}s`));
}

function joinEnglish(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The hours as a sentence fragment: 平日の午前9時から正午まで、および午後1時から午後6時まで、土曜日は終日
 * / weekdays from 9 AM to noon and from 1 PM to 6 PM; Saturdays all day.
 */
export function describeHours(hours: BusinessHours, language: Language): string {
  const groups = openGroups(hours);
  if (language === 'ja-JP') {
    return groups
      .map((group) =>
        allDay(group.ranges)
          ? `${jaDays(group.days)}は終日`
          : `${jaDays(group.days)}の${group.ranges.map((range) => `${jaClock(range.from)}から${jaClock(range.to)}まで`).join('、および')}`,
      )
      .join('、');
  }
  return groups
    .map((group) =>
      allDay(group.ranges)
        ? `${enDays(group.days)} all day`
        : `${enDays(group.days)} from ${group.ranges.map((range) => `${enClock(range.from)} to ${enClock(range.to)}`).join(' and from ')}`,
    )
    .join('; ');
}

function closedDays(hours: BusinessHours, language: Language): string | null {
  const closed = WEEKDAYS.filter((day) => (hours.weekly[day] ?? []).length === 0);
  const holidays = hours.holidays !== 'open';
  if (language === 'ja-JP') {
    const parts = [...closed.map((day) => JA_DAYS[day]), ...(holidays ? ['祝日'] : [])];
    return parts.length === 0 ? null : `${parts.join('、')}はお休みをいただいております。`;
  }
  const parts = [...closed.map((day) => `${EN_DAYS[day]}s`), ...(holidays ? ['national holidays'] : [])];
  return parts.length === 0 ? null : `We are closed on ${joinEnglish(parts)}.`;
}

/**
 * The default closed message, ending with what happens next (voicemail, the transfer, or calling
 * again). `then` is what the call will actually do, which is not always what the hours say: a
 * forwarding number the toll-fraud guard refuses at the moment of the call means voicemail instead,
 * and the caller must not be promised a transfer before the beep.
 */
export function defaultClosedMessage(hours: BusinessHours, language: Language, then: OutsideHours['type'] = (hours.outside ?? { type: 'voicemail' }).type): string {
  const described = describeHours(hours, language);
  const closed = closedDays(hours, language);
  if (language === 'ja-JP') {
    const ending =
      then === 'voicemail'
        ? '恐れ入りますが、営業時間内におかけ直しいただくか、発信音の後にメッセージをお残しください。'
        : then === 'forward'
          ? 'このまま担当窓口におつなぎします。'
          : '恐れ入りますが、営業時間内におかけ直しください。';
    return [
      'お電話ありがとうございます。ただいま営業時間外です。',
      described ? `営業時間は、${described}です。` : '',
      closed ?? '',
      ending,
    ].join('');
  }
  const ending =
    then === 'voicemail'
      ? 'Please call again during our hours, or leave a message after the tone.'
      : then === 'forward'
        ? 'We will now transfer your call.'
        : 'Please call again during our hours.';
  return ['Thank you for calling. We are closed now.', described ? `Our hours are ${described}.` : '', closed ?? '', ending].filter(Boolean).join(' ');
}
