import { afterEach, describe, expect, it } from 'vitest';
import { RepCard } from '@/components/options/board-rep-card';
import { IncomingNumberForm } from '@/components/options/incoming-number-form';
import { WaitingLineIndicator } from '@/components/waiting-line-indicator';
import { uiLanguage } from '@/locales/i18n';
import { formatSeconds } from '@/models/analytics-format';
import { durationText } from '@/models/duration-text';
import { createIncomingFormModel } from '@/models/incoming-form-model';
import { SATO_ON_CALL } from '../board/fixtures';
import { field, renderUi } from './render';
import { mainNumber } from './number-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('one wording for a length of time, on every screen', () => {
  it.each([
    ['ja', 45, '45秒'],
    ['en', 45, '45 s'],
    ['ja', 90, '1分30秒'],
    ['en', 90, '1 min 30 s'],
    ['ja', 120, '2分'],
    ['en', 120, '2 min'],
    ['ja', 3600, '1時間'],
    ['en', 3600, '1 h'],
    ['ja', 7_500, '2時間5分'],
    ['en', 7_500, '2 h 5 min'],
    ['en', 4_442_400, '1,234 h'],
  ] as const)('%s: %d s → %s', (language, seconds, text) => {
    expect(durationText(seconds, language)).toBe(text);
  });

  it.each([
    ['ja', '2分'],
    ['en', '2 min'],
  ] as const)('%s: analytics say exact minutes without “0 seconds”', (language, text) => {
    expect(formatSeconds(120, language)).toBe(text);
  });

  it.each([
    ['ja', '本日：応答 3件・不在 1件・通話 10分'],
    ['en', 'Today: 3 answered, 1 missed, talk 10 min'],
  ] as const)('%s: the board counts a rep’s exact minutes of talk', (language, text) => {
    uiLanguage.value = language;
    const card = { ...SATO_ON_CALL, today: { ...SATO_ON_CALL.today, talkSeconds: 600 } };
    const { container } = renderUi(<ul><RepCard card={card} now={Date.parse('2026-11-24T01:02:00.000Z')} country="JP" onListenIn={null} /></ul>);
    expect(container.querySelector('.yb-rep-card__today')?.textContent).toBe(text);
  });

  it.each([
    ['ja', '3件待ち 最長 2分'],
    ['en', '3 waiting longest 2 min'],
  ] as const)('%s: the waiting line says a caller has waited exact minutes', (language, text) => {
    uiLanguage.value = language;
    const { container } = renderUi(<WaitingLineIndicator line={{ enabled: true, count: 3, longestWaitSeconds: 120, lines: [] }} />);
    expect(container.textContent?.replace(/\s+/g, ' ').trim()).toBe(text);
  });

  it.each([
    ['ja', ['1分', '1分30秒', '2分', '3分', '5分', '10分']],
    ['en', ['1 min', '1 min 30 s', '2 min', '3 min', '5 min', '10 min']],
  ] as const)('%s: voicemail lengths are written as the other screens write them', (language, options) => {
    uiLanguage.value = language;
    const form = createIncomingFormModel(mainNumber({ voicemailMaxSeconds: 90 }), async (draft) => draft);
    const { container } = renderUi(<IncomingNumberForm form={form} users={[]} onDone={() => undefined} />);
    const label = language === 'ja' ? '留守番電話の最長録音時間' : 'Longest voicemail';
    const select = field<HTMLSelectElement>(container, label);
    expect([...select.options].map((option) => option.textContent)).toEqual(options);
  });
});
