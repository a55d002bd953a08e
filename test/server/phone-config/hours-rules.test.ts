import { describe, expect, it } from 'vitest';
import { validatePhoneConfig } from '../../../server/phone-config/validate.ts';
import { changed, problems, type Doc } from './documents.ts';

const LUNCH_BREAK = [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }];
const OFFICE_HOURS = {
  weekly: { mon: LUNCH_BREAK, tue: LUNCH_BREAK, wed: LUNCH_BREAK, thu: LUNCH_BREAK, fri: LUNCH_BREAK },
  closedDays: [{ from: '2026-12-29', to: '2027-01-04', label: '年末年始' }],
};

/** incoming[0] is 代表 (an IVR), incoming[1] サポート直通 (rings reps directly). */
const withHours = (edit: (doc: Doc) => void) =>
  changed((doc: Doc) => {
    doc.incoming[1].hours = structuredClone(OFFICE_HOURS);
    edit(doc);
  });

describe('business hours of a number', () => {
  it('accepts weekly ranges with a lunch break, holidays, closed and open days, and every outside-hours action', () => {
    for (const outside of [{ type: 'voicemail' }, { type: 'hangup' }, { type: 'forward', number: '090-1234-5678' }]) {
      const document = withHours((doc) => {
        doc.incoming[1].hours.outside = outside;
        doc.incoming[1].hours.holidays = 'open';
        doc.incoming[1].hours.openDays = [{ from: '2026-11-28', to: '2026-11-28', label: '感謝祭', ranges: [{ from: '10:00', to: '16:00' }] }];
        doc.incoming[1].hours.weekly.fri = [{ from: '09:00', to: '24:00' }];
      });
      expect(problems(document)).toEqual([]);
    }
  });

  it('fills the defaults: holidays closed, outside hours to voicemail, empty days closed', () => {
    const result = validatePhoneConfig(withHours(() => {}));
    expect(result.ok && result.config.incoming[1]?.hours).toMatchObject({ holidays: 'closed', outside: { type: 'voicemail' }, weekly: { sat: [], sun: [] }, openDays: [] });
  });

  it.each([
    ['a range that ends before it starts', (doc: Doc) => { doc.incoming[1].hours.weekly.mon = [{ from: '18:00', to: '09:00' }]; },
      ['incoming[1].hours.weekly.mon[0].to: the range ends (09:00) before it starts (18:00)']],
    ['overlapping ranges', (doc: Doc) => { doc.incoming[1].hours.weekly.tue = [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '18:00' }]; },
      ['incoming[1].hours.weekly.tue[1]: overlaps range 1 of the same day']],
    ['a time that is not HH:MM', (doc: Doc) => { doc.incoming[1].hours.weekly.wed = [{ from: '9時', to: '18:00' }]; },
      ['incoming[1].hours.weekly.wed[0].from: must be a time of day as HH:MM']],
    ['closed days backwards', (doc: Doc) => { doc.incoming[1].hours.closedDays = [{ from: '2027-01-04', to: '2026-12-29', label: '年末年始' }]; },
      ['incoming[1].hours.closedDays[0].to: the last day (2026-12-29) is before the first (2027-01-04)']],
    ['a date that is not YYYY-MM-DD', (doc: Doc) => { doc.incoming[1].hours.closedDays = [{ from: '2026/12/29', to: '2027-01-04' }]; },
      ['incoming[1].hours.closedDays[0].from: must be a date as YYYY-MM-DD']],
    ['an open day without hours', (doc: Doc) => { doc.incoming[1].hours.openDays = [{ from: '2026-11-28', to: '2026-11-28', ranges: [] }]; },
      ['incoming[1].hours.openDays[0].ranges: an open day needs its hours']],
    ['forwarding to a premium-rate number (toll-fraud guard)', (doc: Doc) => { doc.incoming[1].hours.outside = { type: 'forward', number: '0990-123-456' }; },
      ['incoming[1].hours.outside.number: "0990-123-456" cannot be a forwarding number: premium-rate numbers are refused']],
    ['forwarding abroad when only Japan is allowed', (doc: Doc) => { doc.incoming[1].hours.outside = { type: 'forward', number: '+1 212 555 0100' }; },
      ['incoming[1].hours.outside.number: "+1 212 555 0100" cannot be a forwarding number: its country is not allowed for outgoing calls']],
    ['an unknown holiday choice', (doc: Doc) => { doc.incoming[1].hours.holidays = 'half'; },
      ['incoming[1].hours.holidays: must be one of "closed", "open"']],
  ])('refuses %s, naming the field', (_case, edit, expected) => {
    expect(problems(withHours(edit))).toEqual(expected);
  });
});

describe('the time branch of an IVR', () => {
  it('accepts a menu that is always there with an item in hours only, on a number with hours', () => {
    const document = changed((doc: Doc) => {
      doc.incoming[0].hours = structuredClone(OFFICE_HOURS);
      doc.incoming[0].route.availability = 'always';
      doc.incoming[0].route.menu[1].action.menu[0].availability = 'in-hours';
    });
    expect(problems(document)).toEqual([]);
  });

  it('refuses "only in hours" on a number without business hours, wherever it is in the tree', () => {
    const document = changed((doc: Doc) => {
      doc.incoming[0].route.availability = 'in-hours';
      doc.incoming[0].route.menu[1].action.menu[0].availability = 'in-hours';
    });
    // In the document's order: the route's `availability` was written after its `menu`.
    expect(problems(document)).toEqual([
      'incoming[0].route.menu[1].action.menu[0].availability: only in business hours needs business hours on this number',
      'incoming[0].route.availability: only in business hours needs business hours on this number',
    ]);
  });
});

describe('the waiting line of a ring action', () => {
  it('accepts a line with its defaults, on an IVR item and on a direct route', () => {
    const document = changed((doc: Doc) => {
      doc.incoming[0].route.menu[0].action.queue = {};
      doc.incoming[1].route.queue = { announceSeconds: 30, maxWaitSeconds: 300, priority: 3, voicemailKey: '#', callbackKey: null };
    });
    const result = validatePhoneConfig(document);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.incoming[0]?.route).toMatchObject({
      menu: [{ action: { queue: { enabled: true, announceSeconds: 60, maxWaitSeconds: 600, priority: 0, voicemailKey: '1', callbackKey: '2' } } }, {}],
    });
  });

  it.each([
    ['the same key for voicemail and callback', { voicemailKey: '1', callbackKey: '1' }, ['incoming[1].route.queue.callbackKey: the voicemail and callback keys are both "1"']],
    ['announcements too often', { announceSeconds: 5 }, ['incoming[1].route.queue.announceSeconds: must be at least 20']],
    ['a wait longer than an hour', { maxWaitSeconds: 7200 }, ['incoming[1].route.queue.maxWaitSeconds: must be at most 3600']],
    ['a priority out of range', { priority: 10 }, ['incoming[1].route.queue.priority: must be at most 9']],
    ['a key that is not a phone key', { voicemailKey: 'A' }, ['incoming[1].route.queue.voicemailKey: must be one of "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"']],
  ])('refuses %s', (_case, queue, expected) => {
    expect(problems(changed((doc: Doc) => { doc.incoming[1].route.queue = queue; }))).toEqual(expected);
  });
});

describe('org settings', () => {
  it('defaults the time zone to Asia/Tokyo and follow-ups to 4 hours', () => {
    const result = validatePhoneConfig(changed(() => {}));
    expect(result.ok && result.config.settings).toMatchObject({ timeZone: 'Asia/Tokyo', followUpDueHours: 4 });
  });

  it('refuses a time zone that is not an IANA name', () => {
    expect(problems(changed((doc: Doc) => { doc.settings.timeZone = 'JST'; }))).toEqual([]);
    expect(problems(changed((doc: Doc) => { doc.settings.timeZone = 'Tokyo/Japan'; }))).toEqual(['settings.timeZone: must be a time zone name such as Asia/Tokyo']);
  });
});
