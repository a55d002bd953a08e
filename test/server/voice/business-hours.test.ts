import { afterEach, describe, expect, it } from 'vitest';
import { businessHoursSchema, type BusinessHoursInput } from '../../../server/phone-config/hours-schema.ts';
import { closedAllWeek, hoursAt, instantAt, localMoment } from '../../../server/voice/business-hours.ts';
import { defaultClosedMessage, describeHours } from '../../../server/voice/closed-message.ts';
import { HOLIDAY_DATA, holidaysKnownFor, japaneseHoliday } from '../../../server/voice/japanese-holidays.ts';

const TOKYO = 'Asia/Tokyo';
const LUNCH_BREAK = [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }];

/** 平日 9:00–18:00 with a lunch break, closed on weekends and 祝日, 年末年始 closed. */
const OFFICE: BusinessHoursInput = {
  weekly: { mon: LUNCH_BREAK, tue: LUNCH_BREAK, wed: LUNCH_BREAK, thu: LUNCH_BREAK, fri: LUNCH_BREAK, sat: [], sun: [] },
  closedDays: [{ from: '2026-12-29', to: '2027-01-04', label: '年末年始' }],
  openDays: [{ from: '2026-11-28', to: '2026-11-28', label: '感謝祭', ranges: [{ from: '10:00', to: '16:00' }] }],
};
const hours = businessHoursSchema.parse(OFFICE);

/** What a caller finds at a Tokyo wall-clock time. */
const at = (date: string, time: string, zone = TOKYO) => hoursAt(hours, instantAt(date, time, zone), zone);
const verdict = (date: string, time: string) => {
  const result = at(date, time);
  return result.open ? `open (${result.why})` : `closed (${result.why}${result.label ? `: ${result.label}` : ''})`;
};

describe('business hours in the org’s time zone', () => {
  it.each([
    ['a Tuesday morning', '2026-11-24', '09:00', 'open (weekly)'],
    ['the minute before opening', '2026-11-24', '08:59', 'closed (outside-ranges)'],
    ['the lunch break', '2026-11-24', '12:00', 'closed (outside-ranges)'],
    ['the end of the lunch break', '2026-11-24', '13:00', 'open (weekly)'],
    ['the last minute', '2026-11-24', '17:59', 'open (weekly)'],
    ['closing time', '2026-11-24', '18:00', 'closed (outside-ranges)'],
    ['a Sunday', '2026-11-22', '10:00', 'closed (closed-day)'],
    ['勤労感謝の日 on a Monday', '2026-11-23', '10:00', 'closed (holiday: 勤労感謝の日)'],
    ['a substitute holiday (振替休日)', '2026-05-06', '10:00', 'closed (holiday: こどもの日 振替休日)'],
    ['国民の休日 between 敬老の日 and 秋分の日', '2026-09-22', '10:00', 'closed (holiday: 休日)'],
    ['a special open Saturday', '2026-11-28', '10:00', 'open (open-day)'],
    ['a special open Saturday after its hours', '2026-11-28', '16:00', 'closed (outside-ranges: 感謝祭)'],
    ['New Year’s Eve in the closed days', '2026-12-31', '10:00', 'closed (closed-days: 年末年始)'],
    ['2 January, across New Year', '2027-01-02', '10:00', 'closed (closed-days: 年末年始)'],
    ['the last closed day', '2027-01-04', '10:00', 'closed (closed-days: 年末年始)'],
    ['the first day back', '2027-01-05', '10:00', 'open (weekly)'],
  ])('%s (%s %s)', (_case, date, time, expected) => {
    expect(verdict(date, time)).toBe(expected);
  });

  it('changes day at midnight Tokyo time, not UTC midnight', () => {
    const friday = businessHoursSchema.parse({ ...OFFICE, weekly: { ...OFFICE.weekly, fri: [{ from: '20:00', to: '24:00' }] } });
    // Friday 23:59 in Tokyo is Friday 14:59 UTC; Saturday 00:00 in Tokyo is still Friday in UTC.
    expect(hoursAt(friday, new Date('2026-12-04T14:59:00Z'), TOKYO)).toMatchObject({ open: true });
    expect(hoursAt(friday, new Date('2026-12-04T15:00:00Z'), TOKYO)).toMatchObject({ open: false, why: 'closed-day' });
    expect(localMoment(new Date('2026-12-04T15:00:00Z'), TOKYO)).toEqual({ date: '2026-12-05', weekday: 'sat', minutes: 0 });
  });

  it('a holiday starts at Tokyo midnight: 22 November 15:00 UTC is already 勤労感謝の日', () => {
    expect(hoursAt(hours, new Date('2026-11-22T14:59:00Z'), TOKYO)).toMatchObject({ open: false, why: 'closed-day' });
    expect(hoursAt(hours, new Date('2026-11-23T00:30:00Z'), TOKYO)).toMatchObject({ open: false, why: 'holiday' });
  });

  it('stays open on holidays when the admin chose so', () => {
    const open = businessHoursSchema.parse({ ...OFFICE, holidays: 'open' });
    expect(hoursAt(open, instantAt('2026-11-23', '10:00', TOKYO), TOKYO)).toMatchObject({ open: true, why: 'weekly' });
  });

  it('another org time zone reads its own wall clock', () => {
    const newYork = 'America/New_York';
    expect(hoursAt(hours, instantAt('2026-11-24', '09:30', newYork), newYork)).toMatchObject({ open: true });
    // 09:30 in New York is 23:30 in Tokyo: closed there.
    expect(hoursAt(hours, instantAt('2026-11-24', '09:30', newYork), TOKYO)).toMatchObject({ open: false, why: 'outside-ranges' });
  });

  it('without business hours a number is always open', () => {
    expect(hoursAt(undefined, instantAt('2027-01-01', '03:00', TOKYO), TOKYO)).toMatchObject({ open: true });
  });

  it('knows a number that is closed all week', () => {
    expect(closedAllWeek(hours)).toBe(false);
    expect(closedAllWeek(businessHoursSchema.parse({ weekly: {} }))).toBe(true);
  });
});

describe('on a server in another time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati'])('gives the same answers with TZ=%s', (zone) => {
    process.env.TZ = zone;
    expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(-540);
    expect(verdict('2026-11-23', '10:00')).toBe('closed (holiday: 勤労感謝の日)');
    expect(verdict('2026-11-24', '12:30')).toBe('closed (outside-ranges)');
    expect(verdict('2026-11-24', '13:00')).toBe('open (weekly)');
    expect(japaneseHoliday('2026-01-01')?.name).toBe('元日');
  });
});

describe('Japan’s holidays from the data package', () => {
  it.each([
    ['2026-01-01', '元日'],
    ['2026-01-12', '成人の日'],
    ['2026-05-06', 'こどもの日 振替休日'],
    ['2026-09-22', '休日'],
    ['2025-11-24', '勤労感謝の日 振替休日'],
  ])('%s is %s', (date, name) => {
    expect(japaneseHoliday(date)?.name).toBe(name);
  });

  it('a working day is no holiday', () => {
    expect(japaneseHoliday('2026-11-24')).toBeNull();
  });

  it('says which years it covers, so the setup check can warn before they run out', () => {
    expect(HOLIDAY_DATA.lastYear).toBeGreaterThanOrEqual(2027);
    expect(holidaysKnownFor(2027)).toBe(true);
    expect(holidaysKnownFor(HOLIDAY_DATA.lastYear + 1)).toBe(false);
    expect(holidaysKnownFor(2030, { firstYear: 1970, lastYear: 2029 })).toBe(false);
  });
});

describe('the default closed message', () => {
  it('names the hours in natural Japanese', () => {
    expect(defaultClosedMessage(hours, 'ja-JP')).toBe(
      'お電話ありがとうございます。ただいま営業時間外です。営業時間は、平日の午前9時から正午まで、および午後1時から午後6時までです。' +
        '土曜日、日曜日、祝日はお休みをいただいております。恐れ入りますが、営業時間内におかけ直しいただくか、発信音の後にメッセージをお残しください。',
    );
  });

  it('and in English', () => {
    expect(defaultClosedMessage(businessHoursSchema.parse({ ...OFFICE, outside: { type: 'hangup' } }), 'en-US')).toBe(
      'Thank you for calling. We are closed now. Our hours are weekdays from 9 AM to noon and from 1 PM to 6 PM. ' +
        'We are closed on Saturdays, Sundays and national holidays. Please call again during our hours.',
    );
  });

  it('groups days that share hours', () => {
    const shop = businessHoursSchema.parse({
      weekly: { mon: [], tue: [{ from: '10:00', to: '19:30' }], wed: [{ from: '10:00', to: '19:30' }], thu: [{ from: '10:00', to: '19:30' }], fri: [{ from: '10:00', to: '19:30' }], sat: [{ from: '10:00', to: '17:00' }], sun: [] },
      holidays: 'open',
    });
    expect(describeHours(shop, 'ja-JP')).toBe('火曜日から金曜日の午前10時から午後7時30分まで、土曜日の午前10時から午後5時まで');
    expect(describeHours(shop, 'en-US')).toBe('Tuesday to Friday from 10 AM to 7:30 PM; Saturdays from 10 AM to 5 PM');
  });

  it('reads a day open around the clock (00:00–24:00) as 終日 / all day, never "from midnight to midnight"', () => {
    const nineToSix = [{ from: '09:00', to: '18:00' }];
    const allDay = [{ from: '00:00', to: '24:00' }];
    const weekendsAllDay = businessHoursSchema.parse({ weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: allDay } });
    expect(defaultClosedMessage(weekendsAllDay, 'ja-JP')).toBe(
      'お電話ありがとうございます。ただいま営業時間外です。営業時間は、平日の午前9時から午後6時まで、土曜日は終日です。' +
        '日曜日、祝日はお休みをいただいております。恐れ入りますが、営業時間内におかけ直しいただくか、発信音の後にメッセージをお残しください。',
    );
    expect(defaultClosedMessage(weekendsAllDay, 'en-US')).toBe(
      'Thank you for calling. We are closed now. Our hours are weekdays from 9 AM to 6 PM; Saturdays all day. ' +
        'We are closed on Sundays and national holidays. Please call again during our hours, or leave a message after the tone.',
    );
    // Several days all day, first in the sentence; a night shift that merely touches midnight keeps its times.
    const shifts = businessHoursSchema.parse({
      weekly: { mon: allDay, tue: allDay, wed: allDay, thu: [{ from: '00:00', to: '06:00' }, { from: '22:00', to: '24:00' }], sat: allDay },
      holidays: 'open',
    });
    expect(describeHours(shifts, 'ja-JP')).toBe('月曜日、火曜日、水曜日、土曜日は終日、木曜日の午前0時から午前6時まで、および午後10時から午前0時まで');
    expect(describeHours(shifts, 'en-US')).toBe('Mondays, Tuesdays, Wednesdays and Saturdays all day; Thursdays from midnight to 6 AM and from 10 PM to midnight');
  });

  it('ends with what the call will do, when that is not what the hours say', () => {
    const forwarding = businessHoursSchema.parse({ ...OFFICE, outside: { type: 'forward', number: '+81 90 5555 6666' } });
    expect(defaultClosedMessage(forwarding, 'ja-JP')).toMatch(/このまま担当窓口におつなぎします。$/);
    // The forwarding number was refused at the moment of the call: voicemail, not a transfer.
    expect(defaultClosedMessage(forwarding, 'ja-JP', 'voicemail')).toMatch(/恐れ入りますが、営業時間内におかけ直しいただくか、発信音の後にメッセージをお残しください。$/);
    expect(defaultClosedMessage(forwarding, 'en-US', 'voicemail')).toMatch(/Please call again during our hours, or leave a message after the tone\.$/);
  });
});
